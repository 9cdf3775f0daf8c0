"""Click's own words in Chinese: "Usage:", "Options:", "Error:", "Try … for help" and the rest.

Click marks every text it prints with gettext (`from gettext import gettext as _` in each of
its modules) but ships no catalogue, so without one its help and errors stay English beside
our Chinese. `install()` points those modules' `_` and `ngettext` at `CLICK_TEXT`; a text
missing from it (a newer click) stays as click wrote it. Placeholders are click's own.
"""

from __future__ import annotations

import click

from site_builder.present.textable import width

CLICK_TEXT = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Aborted!": "已中止。",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令“{name}”。",
    "No such option {name!r}.": "没有选项“{name}”。",
    "Did you mean {possibility}?": "您是否要用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（您是否要用：{possibilities}？）",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value: {message}": "值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name} 不带值。",
    "Option {name!r} requires an argument.": "选项 {name} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name} 需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "{value!r} is not {choice}.": "“{value}”不是 {choice}。",
    "{value!r} is not one of {choices}.": "“{value}”不在可选值 {choices} 之中。",
    "{value!r} does not match the format {format}.": "“{value}”不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "“{value}”不符合格式 {formats}。",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "integer": "整数",
    "float": "数字",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a file.": "{name}“{filename}”是文件，应为文件夹。",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是文件夹，应为文件。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”无法读取。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”无法写入。",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(deprecated)": "（已停用）",
    "Do you want to continue?": "是否继续？",
}
# What the usage line calls the parts of a command ("Usage: sctrack [OPTIONS] COMMAND [ARGS]...").
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."
# The type names click prints as metavars (TEXT, INTEGER) where an option names none.
TYPE_METAVARS = {click.STRING: "文本", click.INT: "整数", click.FLOAT: "数字"}

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


def gettext(message: str) -> str:
    return CLICK_TEXT.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


def display_width(text: str) -> int:
    """Columns a text takes in a terminal: a Chinese character takes two."""
    return width(click.unstyle(text))


def missing_message(error: click.MissingParameter) -> str:
    """ "缺少参数 PROJECT。", "缺少选项 --base。" for click's MissingParameter."""
    hint = error.param_hint
    if hint is None and error.param is not None:
        hint = error.param.get_error_hint(error.ctx)
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(hint)
    kind = (
        "选项"
        if (error.param_type or getattr(error.param, "param_type_name", "")) == "option"
        else "参数"
    )
    shown = f" {str(hint).replace(chr(39), '')}" if hint else ""
    return f"缺少{kind}{shown}。{error.message or ''}"


def install() -> None:
    """Make click speak Chinese in this process (the `sctrack` command and its tests).

    Help columns are aligned by display width, so that "--root 文件夹" lines up with "--by".
    """
    import importlib

    formatting = importlib.import_module("click.formatting")
    vars(formatting)["term_len"] = display_width
    # Click ends this one message with an English full stop outside gettext.
    click.MissingParameter.format_message = missing_message  # type: ignore[method-assign, assignment]
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            vars(module)["_"] = gettext
        if hasattr(module, "ngettext"):
            vars(module)["ngettext"] = ngettext


class ChineseHelpFormatter(click.HelpFormatter):
    """Headings end in a full-width colon ("选项："), and "用法：" takes no space after it."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, gettext("Usage:") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        """A command's help as written, line by line: click would join a paragraph's lines
        with spaces (stray spaces between Chinese sentences) and break them at its own width,
        which counts no Chinese character as two columns. A `\\b` line (click's own "do not
        rewrap" mark) is dropped: nothing is rewrapped here."""
        indent = " " * self.current_indent
        for line in text.splitlines():
            if line.strip() == "\b":
                continue
            self.write(f"{indent}{line}\n" if line.strip() else "\n")


class ChineseContext(click.Context):
    formatter_class = ChineseHelpFormatter


def chinese_help(command: click.Command) -> None:
    """A command's (and its subcommands') help formatter, usage line and value names in Chinese."""
    command.context_class = ChineseContext
    command.options_metavar = OPTIONS_METAVAR
    if isinstance(command, click.Group):
        command.subcommand_metavar = SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            chinese_help(sub)
    for param in command.params:
        if (
            isinstance(param, click.Option)
            and param.metavar is None
            and param.type in TYPE_METAVARS
        ):
            param.metavar = TYPE_METAVARS[param.type]
