"""`sctrack new` writes only comments from submitted names; `sctrack serve` keeps internal data local."""

from __future__ import annotations

import pytest

from site_builder.load.yamlsafe import parse_file

from conftest import invoke


@pytest.mark.parametrize("breaker", ["\\n", "\\u2028", "\\r", "\\x85"])
def test_a_line_break_in_a_project_name_cannot_inject_yaml(base_tree, breaker):
    project = base_tree / "submissions/projects/alpha-region/project.yaml"
    text = project.read_text(encoding="utf-8")
    name = f'name: "测试区域{breaker}period: 1999-Q1{breaker}kind: enterprise"'
    project.write_text(
        "\n".join(name if line.startswith("name:") else line for line in text.splitlines()) + "\n",
        encoding="utf-8",
    )
    result = invoke("new", "--root", str(base_tree), "alpha-region", "2021-Q3")
    path = base_tree / "submissions/projects/alpha-region/2021-Q3.yaml"
    if breaker in ("\\r", "\\x85"):  # control characters: the registration itself is invalid
        assert result.returncode == 1 and not path.exists()
        return
    assert result.returncode == 0, result.stderr
    parsed = parse_file(path, "x")
    assert parsed.findings == []
    assert (parsed.data["period"], parsed.data["kind"]) == ("2021-Q3", "region")
    for line in path.read_text(encoding="utf-8").splitlines():
        assert not line.startswith(("period: 1999", "kind: enterprise"))


@pytest.mark.parametrize(
    "addr", ["0.0.0.0:8000", "192.168.1.5:8000", "[::]:8000", "example.org:80"]
)
def test_serve_refuses_the_internal_audience_on_a_public_address(base_tree, addr):
    result = invoke("serve", "--root", str(base_tree), "--audience", "internal", "--dev-addr", addr)
    assert result.returncode == 2
    assert "--allow-internal-on-network" in result.stderr


def test_serve_help_no_longer_suggests_publishing_internal_data():
    help_text = invoke("serve", "--help").stdout
    assert "0.0.0.0" not in help_text.replace("--allow-internal-on-network", "")
