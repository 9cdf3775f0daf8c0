"""A synthetic province for benchmarks: N projects with every report since 2020-Q2.

    python tests/benchmarks/synth.py OUT_DIR [--projects 500] [--seed 1] [--history]

OUT_DIR becomes a complete repository root (`submissions/`, plus copies of
this repository's `mkdocs.yml` and `docs/`), so `sctrack validate --root
OUT_DIR` and `sctrack build --root OUT_DIR` work on it. Everything is drawn
from `random.Random(seed)`: the same arguments give the same bytes.

What it holds, as a province would after four years of follow-up:

- the 11 cities, a policy whose programme runs 2020-04-16 .. 2023-12-31, and
  a few of the province's decisions (warnings, cancellations) and risk flags;
- N projects over the cities and all four tiers (province / national pilot x
  region / enterprise), entity firms and financial institutions, some of them
  provincial SOEs, each with indicator targets and one text target;
- for each project the quarterly reports 2020-Q2 .. 2023-Q4 and the annual
  summaries 2020 .. 2023 (a cancelled project stops at its cancellation);
- figures from the indicator catalogue in its units, only those that apply to
  the project, flows year-to-date (rising within a year, annual = Q4), growth
  rates consistent with the flows, ratios drifting towards the targets;
- narrative items of a few hundred characters composed from phrase banks,
  1-3 problems per report, and 2-4 practice cases per project, about one in
  three asking for publication.

`--history` also replays the files as dated, reviewed pull-request merges
(one `git fast-import` stream, so it stays quick at 10,000 files): each report
is committed on a branch when submitted and merged when its city bureau
confirmed it; a few arrive late.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from site_builder.load.periods import Period  # noqa: E402
from site_builder.load.tree import report_file_name  # noqa: E402
from site_builder.spec import catalogue, schema  # noqa: E402
from site_builder.spec.credit_code import check_character  # noqa: E402

PROGRAMME_START = date(2020, 4, 16)
PROGRAMME_END = date(2023, 12, 31)
FIRST_QUARTER = Period(2020, 2)
LAST_QUARTER = Period(2023, 4)
# Share of a year's flow reached at the end of each quarter (year-to-date).
YTD_SHARE = {1: 0.22, 2: 0.47, 3: 0.73, 4: 1.0}
YTD_LABEL = {1: "一季度", 2: "上半年", 3: "前三季度", 4: "全年"}
HEADER = (
    "# 合成数据：由 tests/benchmarks/synth.py 生成，仅用于性能测试，不代表任何真实项目或企业。\n"
)

CITIES = [
    ("taiyuan", "太原市", "0351", 3.0),
    ("datong", "大同市", "0352", 1.2),
    ("yangquan", "阳泉市", "0353", 0.7),
    ("changzhi", "长治市", "0355", 1.2),
    ("jincheng", "晋城市", "0356", 1.0),
    ("shuozhou", "朔州市", "0349", 0.8),
    ("jinzhong", "晋中市", "0354", 1.2),
    ("yuncheng", "运城市", "0359", 1.2),
    ("xinzhou", "忻州市", "0350", 0.8),
    ("linfen", "临汾市", "0357", 1.1),
    ("lvliang", "吕梁市", "0358", 0.9),
]
CITY_NAMES = {c[0]: c[1] for c in CITIES}

REGION_INDUSTRIES = ["equipment", "energy", "coal_chemical", "metallurgy", "new_materials",
                     "agrifood", "logistics", "retail"]  # fmt: skip
ENTITY_INDUSTRIES = ["equipment", "energy", "coal_chemical", "metallurgy", "new_materials",
                     "agrifood", "pharma", "retail", "logistics", "electronics", "textile",
                     "other"]  # fmt: skip
INDUSTRY_CN = {
    "equipment": "装备制造", "energy": "能源", "coal_chemical": "煤化工", "metallurgy": "冶金",
    "new_materials": "新材料", "agrifood": "农产品与食品", "pharma": "医药", "retail": "商贸流通",
    "logistics": "物流", "finance": "金融", "electronics": "电子信息", "textile": "纺织服装",
    "other": "制造",
}  # fmt: skip
PRODUCTS = {
    "equipment": ["矿山机械", "液压支架", "轨道交通装备", "风电装备", "数控机床", "起重装备", "煤机配件"],
    "energy": ["动力煤", "焦炭", "光伏组件", "氢能", "煤层气", "储能电池"],
    "coal_chemical": ["甲醇", "煤制烯烃", "焦化副产品", "精细化学品", "煤基新材料"],
    "metallurgy": ["不锈钢", "特种钢材", "铝型材", "镁合金", "铸锻件"],
    "new_materials": ["碳纤维", "半导体材料", "光伏玻璃", "石墨烯", "特种陶瓷", "高性能纤维"],
    "agrifood": ["小杂粮", "陈醋", "乳制品", "鲜果", "肉制品", "有机旱作农产品", "功能食品"],
    "pharma": ["中药材", "原料药", "医疗器械", "中成药", "药用辅料"],
    "retail": ["快消品", "生鲜", "日用百货", "家电", "社区团购商品"],
    "logistics": ["城市配送", "冷链物流", "多式联运", "仓储服务", "大宗商品运输"],
    "finance": ["应收账款融资", "订单融资", "存货融资", "保理", "票据贴现"],
    "electronics": ["电子元器件", "智能终端", "传感器", "LED 芯片", "光电器件"],
    "textile": ["纺织面料", "职业服装", "家纺产品", "功能性纤维"],
    "other": ["包装材料", "绿色建材", "日化用品", "玻璃器皿"],
}  # fmt: skip
PLATFORM_STEMS = ["链通", "晋链云", "智链", "汇链", "云仓通", "链易达", "融链", "优链", "协同云",
                  "链动三晋", "晋通达", "智运通", "数链", "惠链通", "晋链融", "链上太行",
                  "汾水云链", "金链", "速链", "安链"]  # fmt: skip
PLATFORM_SUFFIX = ["平台", "供应链协同平台", "供应链公共服务平台", "工业互联网平台", "云平台"]
PLACES = ["高新区", "经开区", "综改示范区", "物流园区", "现代农业产业园", "县域产业集聚区",
          "工业园区", "保税物流中心", "陆港", "开发区"]  # fmt: skip
BANK_KINDS = ["商业银行", "农商银行", "城商行", "融资担保公司", "保理公司", "融资租赁公司"]
PARTNER_KINDS = ["上游原材料供应商", "下游经销商", "配套零部件企业", "第三方物流企业",
                 "中小微商户", "合作社和家庭农场", "核心客户", "外贸综合服务企业"]  # fmt: skip
STANDARD_KINDS = ["团体标准", "企业标准", "地方标准", "行业标准"]
DEPTS = ["发展改革", "工业和信息化", "财政", "交通运输", "市场监管", "税务", "海关", "人民银行",
         "金融监管", "生态环境", "国资"]  # fmt: skip
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
ROLES = ["供应链管理部", "战略发展部", "信息中心", "商务局流通业发展科", "财务部", "运营管理部",
         "总经理办公室", "交易银行部"]  # fmt: skip

# --- phrase banks -------------------------------------------------------------
# Each bank holds sentence templates; `compose` picks some until a paragraph has
# the length wanted and fills the slots from a fresh random context.

BANKS: dict[str, list[str]] = {
    "mechanism": [
        "{m} 月召开项目领导小组第 {k} 次会议，听取各工作组进展汇报，研究解决{topic}等 {n} 个问题。",
        "主要负责同志牵头的工作专班实行周调度、月通报，{ytd}共印发工作简报 {n} 期。",
        "将供应链协同指标纳入{unitpart}年度绩效考核，考核权重提高到 {p}%，压实各部门责任。",
        "建立“链长+链主”协同推进机制，链主单位每季度向链长办报告一次重点任务推进情况。",
        "修订完善项目管理办法，明确任务清单、责任清单和时间表，对 {n} 项重点任务实行销号管理。",
        "与{dept}等部门建立联席会议制度，{ytd}召开联席会议 {k} 次，协调解决跨部门事项 {n} 项。",
        "对进度滞后的 {k} 项任务开展专项督导，逐项明确责任人和完成时限，目前已整改到位 {k2} 项。",
        "围绕{product}产业链梳理堵点卡点 {n} 个，形成问题、责任、措施“三张清单”并动态更新。",
    ],
    "progress": [
        "{platform}累计接入链主企业 {n} 家、上下游中小企业 {big} 家，较上季度末增加 {n2} 家。",
        "{ytd}全市{industry}产业链重点项目完成投资 {money} 亿元，完成年度计划的 {pp}%。",
        "{place}供应链综合服务中心主体完工，仓储面积 {area} 万平方米，预计下季度投入运营。",
        "年度 {n} 项重点任务中已完成 {k} 项，其余任务均按计划推进，未出现明显滞后。",
        "重点推进的{product}集采集配、共享仓储和供应链金融三项工作取得阶段性进展。",
        "全市纳入培育的供应链重点企业达到 {n} 家，其中营业收入超过 10 亿元的 {k} 家。",
    ],
    "talent": [
        "{unitpart}供应链管理团队现有专职人员 {n} 人，其中具有中级以上职称或职业资格的 {k} 人。",
        "与省内高校联合开设供应链管理研修班，{ytd}培训业务骨干 {big} 人次，完成改进课题 {k} 个。",
        "组织 {n} 名骨干赴沿海先进地区学习供应链数字化和精益管理经验，形成考察报告 {k} 篇。",
        "面向{partner}举办线上线下培训 {k} 场，覆盖 {big} 人次，重点讲解平台操作和数据报送要求。",
        "引进供应链数据分析、国际物流等紧缺人才 {k} 名，实行项目制管理和专项激励。",
        "开展供应链岗位技能竞赛，评选业务能手 {k} 名，优秀做法在系统内推广。",
    ],
    "publicity": [
        "项目经验在{dept}组织的交流会上作典型发言，接待省内外参观交流 {k} 批次。",
        "通过门户网站、微信公众号和行业媒体发布工作动态 {n} 篇，其中省级以上媒体报道 {k} 篇。",
        "编印供应链创新与应用宣传手册 {big} 册，在{place}企业服务中心免费发放。",
        "组织开展“供应链服务进园区”活动 {k} 场，现场解答企业问题 {n} 个。",
        "{product}供应链协同做法入选省级典型案例汇编，形成了较好的示范效应。",
    ],
    "timely_reporting": [
        "按时报送上一期进展报告和相关数据，报送材料经{reviewer}审核确认。",
        "建立数据报送专人负责制，报送前由分管负责同志审核把关，确保数据真实准确。",
        "{ytd}各期报告均在规定时限内报送，并按要求补充报送专题材料 {k} 份。",
        "对照报送要求核对了指标口径，流量指标统一按本年累计值填报。",
    ],
    "infrastructure": [
        "{place}公共仓储设施新增仓储面积 {area} 万平方米、冷库 {big} 平方米，标准托盘使用率提高到 {pp}%。",
        "完成 {k} 个城乡共同配送节点改造，配送车辆统一标识，新能源配送车增至 {n} 辆。",
        "铁路专用线和公路港一期工程建成投用，{product}大宗物资“公转铁”比例提高到 {p}%。",
        "改造提升{product}集散中心，建设智能分拣线 {k} 条，日处理能力达到 {big} 吨。",
        "推动 {n} 家重点企业仓储设施接入公共信息平台，实现库容、库存信息共享。",
    ],
    "digital": [
        "{platform}上线订单协同、库存共享、物流跟踪和电子签章等功能，与 {n} 家企业的业务系统完成对接。",
        "应用物联网和北斗定位跟踪在途货物，运输异常实时预警，异常处理时间由 {k} 天缩短至 {h} 小时。",
        "建设供应链数据中台，归集订单、物流、质量和结算数据 {big} 万条，形成 {k} 类分析模型。",
        "上线供应商门户和移动端应用，供应商可在线接收订单、确认交期、上传质检报告。",
        "引入需求预测和智能排产模型，计划编制时间由 {k} 天缩短到 {h} 小时，预测准确率提高 {p} 个百分点。",
        "推动电子发票、电子运单和电子合同全流程应用，单据流转时间缩短约 {pp}%。",
        "对 {n} 家中小配套企业开展数字化诊断，帮助 {k} 家企业完成生产管理系统上云。",
        "平台与{dept}部门的政务数据实现接口对接，企业资质和信用信息可在线核验。",
    ],
    "standards": [
        "牵头制定《{product}供应链协同服务规范》{stdkind}，已完成征求意见稿。",
        "发布{product}包装与标识规范，推广标准托盘和循环周转箱 {big} 个，带托运输比例提高到 {pp}%。",
        "梳理物料编码 {big} 项并统一编码规则，与 {n} 家供应商实现编码互认。",
        "参与起草{stdkind} {k} 项，其中 {k2} 项已正式发布实施。",
        "建立供应商质量评价标准，将交付、质量、服务和绿色表现纳入年度评价。",
    ],
    "collaboration": [
        "{platform}接入{partner} {n} 家，实现订单、计划、库存和物流信息共享，系统直连企业 {k} 家。",
        "与 {k} 家核心供应商建立联合库存管理，关键物料库存天数减少 {k2} 天。",
        "推行供应商早期参与产品设计，{ytd}联合开发新品 {k} 项，缩短研发周期约 {p}%。",
        "与上下游企业共建共享仓储和运输资源，车辆满载率由 {p2}% 提高到 {pp}%。",
        "组织{partner}开展产销对接活动 {k} 场，达成合作意向 {n} 项。",
    ],
    "policies": [
        "出台《关于推进供应链创新与应用的若干措施》，从资金、用地、人才等方面提出 {k} 条支持措施。",
        "设立供应链发展专项资金 {money} 亿元，{ytd}已兑现奖补资金 {money2} 亿元，惠及企业 {n} 家。",
        "对共同配送车辆给予城区通行便利，对公转铁运输给予每吨 {k} 元补贴。",
        "将供应链重点项目纳入全市重点工程库，在用地、用能和审批方面优先保障。",
        "联合{dept}部门出台供应链金融支持政策，引导金融机构加大对链上中小企业的信贷投放。",
    ],
    "public_services": [
        "公共服务平台上线政策查询、供需对接和运力查询功能，{ytd}服务企业 {big} 家次。",
        "建立供应链风险监测预警机制，对 {n} 家重点企业的原材料、物流和资金情况按月监测。",
        "在{place}设立企业服务专窗，提供报关、融资、物流等“一站式”服务，{ytd}办理业务 {big} 件。",
        "组织开展供应链“保链稳链”专项服务，协调解决企业原材料供应、物流运输等问题 {n} 个。",
        "推动跨部门数据共享，企业在平台上一次填报即可办理 {k} 类涉企事项。",
    ],
    "targets_summary": [
        "对照申报方案，{ytd}各项目标总体进展顺利，量化目标中已有 {k} 项达到或接近目标值。",
        "工作台帐中 {n} 项举措已完成 {k} 项，其余按计划推进；个别目标受市场波动影响进度偏慢。",
        "平台建设类目标已基本完成，规模和效率类目标正按年度计划推进。",
        "各项目标完成情况已逐项核对，与计划存在差距的目标已分析原因并制定追赶措施。",
    ],
    "performance": [
        "{ytd}主营业务保持平稳增长，{product}订单量同比增长 {p}%，产能利用率达到 {pp}%。",
        "受原材料价格波动影响，{ytd}毛利率同比下降 {small} 个百分点，通过集中采购对冲了部分成本上涨。",
        "通过供应链协同优化库存结构，呆滞物料同比减少 {p}%，库存资金占用下降 {money} 亿元。",
        "应收账款周转天数同比缩短 {k} 天，经营性现金流明显改善。",
        "重点客户订单交付周期缩短 {k} 天，客户满意度调查得分提高到 {pp} 分。",
        "{product}产品市场占有率稳步提升，在省内同类企业中保持领先。",
    ],
    "region_performance": [
        "{ytd}全市{industry}重点产业链实现产值 {money} 亿元，同比增长 {p}%，增速高于全市工业平均水平。",
        "重点产业链龙头企业发挥带动作用，新增本地配套企业 {k} 家，本地配套率提高到 {pp}%。",
        "{product}产业集群规模持续扩大，规模以上企业达到 {n} 家，新增“专精特新”企业 {k} 家。",
        "通过统仓共配和集中采购，重点企业供应链综合成本同比下降 {small}%，物流费用率下降 {small2} 个百分点。",
        "龙头企业与上下游中小企业签订长期供货协议 {n} 份，产业链韧性进一步增强。",
    ],
    "quality": [
        "推行供应商驻厂质量帮扶和首件在线评审，产品一次交验合格率提高到 {pp}%。",
        "建立质量追溯体系，关键零部件实现一物一码，质量问题追溯时间由 {k} 天缩短至 {h} 小时。",
        "客户质量投诉同比下降 {p}%，重大质量事故为零。",
        "对 {n} 家供应商开展质量体系审核，淘汰不合格供应商 {k} 家。",
    ],
    "partner_effects": [
        "带动{partner} {n} 家共享排产、交期和质量信息，配套企业平均交付周期缩短 {k} 天。",
        "链上中小企业通过{platform}获得融资 {money} 亿元，平均融资成本较传统贷款低 {small} 个百分点。",
        "帮助 {k} 家配套企业导入精益生产，配套企业平均生产效率提高 {p}%。",
        "通过集中采购带动{partner}降低采购成本约 {p}%，惠及企业 {n} 家。",
    ],
    "risk_control": [
        "建立“平台数据+交易背景+回款闭环”的风控体系，对链上企业经营和资金情况实时监测。",
        "{ytd}风险预警模型触发预警 {n} 次，经核查采取压降额度、追加担保等措施 {k} 户。",
        "严格核验贸易背景真实性，应收账款确权全部在线完成，{ytd}未发生新增不良。",
        "对受市场波动影响较大的 {k} 户链上企业实行名单制管理，逐户制定帮扶和风险化解方案。",
        "引入税务、电力和物流数据辅助授信审批，平均审批时间缩短至 {k} 个工作日。",
    ],
    "business_models": [
        "探索“集采集配+共享仓储”模式，{n} 家中小商户共享仓储配送资源，平均物流成本下降 {p}%。",
        "推出基于{platform}的应收账款电子凭证，供应商可在线拆分、流转和融资，{ytd}开具 {money} 亿元。",
        "发展“以销定产、按单配送”的订单农业模式，带动{partner} {n} 家稳定增收。",
        "试点备件共享库存，{k} 家供应商联合备货，备件平均到场时间由 {k2} 天缩短至 {h} 小时。",
        "开展供应链一体化服务，为 {n} 家客户提供采购、仓储、配送、结算全流程服务。",
        "联合{bank}推出订单融资和存货融资产品，盘活链上企业存货 {money} 亿元。",
    ],
    "replicable_practice": [
        "形成“{product}供应链协同”可复制做法 {k} 项，已在省内 {k2} 个地市交流推广。",
        "总结提炼平台协同、标准互认和信用共享三方面经验，整理形成案例材料 {k} 篇。",
        "共享仓储运营规则和供应商协同管理办法已形成制度文件，可供同类企业直接借鉴。",
        "“链长+链主”协同推进机制被多地借鉴，相关做法报送省商务厅供推广。",
    ],
    "governance": [
        "建立供应链重点企业“白名单”制度，在物流通行、要素保障等方面给予优先支持。",
        "将供应链风险监测纳入城市运行管理平台，对重点物资保供情况实行日监测、周调度。",
        "推进涉企数据共享，企业办理供应链相关审批事项平均用时缩短 {p}%。",
        "建立跨区域供应链协作机制，与周边 {k} 个地市签订保通保畅合作协议。",
    ],
    "finance": [
        "{ytd}辖区金融机构供应链金融融资 {money} 亿元，同比增长 {p}%，服务中小企业 {n} 家。",
        "推动核心企业在中征应收账款融资服务平台开展账款确权，注册企业达到 {big} 家。",
        "引导金融机构开发订单贷、仓单贷、应收账款质押贷等产品 {k} 款，平均融资成本降至 {cost}%。",
        "建立供应链金融风险补偿资金池 {money2} 亿元，对符合条件的损失给予分担。",
        "组织银企对接会 {k} 场，{n} 家链上中小企业现场签约融资 {money2} 亿元。",
    ],
    "zhongzheng": [
        "推动 {k} 家核心企业与中征应收账款融资服务平台实现系统直连，账款确权时间缩短至 {h} 小时。",
        "{ytd}通过中征平台达成融资 {money2} 亿元，较上年同期增长 {p}%。",
        "组织平台操作培训 {k} 场，帮助 {n} 家中小企业完成注册和账款推送。",
    ],
    "green": [
        "{ytd}实施绿色采购 {money2} 亿元，节能环保产品采购比例提高到 {pp}%。",
        "发布绿色供应链管理指引，对 {n} 家重点供应商开展绿色评价，{k} 家被评为绿色供应商。",
        "推广循环包装和可降解材料，一次性包装使用量同比减少 {p}%。",
        "建设屋顶分布式光伏 {small} 兆瓦，年发电量约 {big} 万千瓦时。",
        "推动 {k} 家企业开展环境信息依法披露，环境信用评价结果纳入供应商准入。",
        "开展废旧物资回收利用，{ytd}回收再利用废旧物资 {big} 吨。",
        "新能源物流车辆增至 {n} 辆，单位运输量能耗同比下降 {small}%。",
    ],
    "global": [
        "{ytd}进出口 {money2} 亿元，同比增长 {p}%，{product}出口保持较快增长。",
        "在{abroad}设立海外仓和服务网点 {k} 个，海外客户订单交付周期缩短 {k2} 天。",
        "积极参与“一带一路”建设，与{abroad} {k} 家企业签订长期合作协议。",
        "利用中欧班列开展{product}进出口运输，{ytd}发运 {n} 列，运输时间较海运缩短一半以上。",
        "引进外资项目 {k} 个，合同外资 {n} 万美元，主要投向{product}产业链补链延链。",
        "应对国际物流成本上升，与货代企业签订长期舱位协议，出口运费同比下降 {p}%。",
    ],
    "overall": [
        "{year} 年，{unit}认真落实全省供应链创新与应用工作部署，围绕{product}产业链补短板、强弱项，各项工作取得积极进展。",
        "全年完成重点任务 {n} 项，平台、标准、协同、金融和绿色等方面均有新的突破。",
        "{platform}功能持续完善，接入{partner} {big} 家，系统直连比例提高到 {pp}%。",
        "主要经营和协同指标总体向好，但受原材料价格、国际物流等因素影响，个别指标低于预期。",
        "不足之处是中小配套企业数字化水平仍然偏低，数据共享的深度和广度还有待提升。",
        "下一年度将聚焦目标差距，加快推进未完成事项，确保培育期目标全面完成。",
    ],
    "next_steps": [
        "下一阶段将重点推进{platform}二期建设，力争新增接入{partner} {n} 家。",
        "加快未完成目标的追赶进度，逐项明确责任人和时间节点，按月调度。",
        "深化与{bank}的合作，扩大应收账款和订单融资规模，进一步降低链上企业融资成本。",
        "做好{product}旺季保供工作，提前制定原材料储备和物流运力保障预案。",
        "总结提炼可复制推广的经验做法，按要求报送实践案例。",
        "推动{stdkind}发布实施，并在 {k} 家以上企业开展贯标。",
        "筹备年度工作总结，认真梳理全年目标完成情况和存在的问题。",
    ],
}

PROBLEMS: dict[str, list[tuple[str, str]]] = {
    "policy": [
        ("部分扶持政策申报条件较高，中小配套企业难以享受。", "建议适当放宽供应链专项资金的申报门槛，向中小配套企业倾斜。"),
        ("跨部门政策衔接不够紧密，企业需重复提交材料。", "建议建立跨部门政策协同机制，推行一次申报、多部门共享。"),
    ],
    "finance": [
        ("链上中小企业缺少抵押物，融资难、融资贵问题仍较突出。", "建议推动更多银行接受核心企业电子凭证融资，扩大风险补偿资金规模。"),
        ("部分核心企业对应收账款确权积极性不高，影响供应链融资开展。", "建议将账款确权情况纳入国有企业考核，引导核心企业支持上下游融资。"),
    ],
    "land": [("仓储物流用地指标紧张，公共仓储设施扩建受限。", "建议在国土空间规划中预留物流仓储用地，并给予用地价格支持。")],
    "talent": [
        ("供应链管理和数据分析复合型人才短缺，引进难、留住难。", "建议将供应链管理人才纳入全省紧缺人才目录，给予安家和培训补贴。"),
        ("基层业务人员对平台操作不熟练，数据报送质量参差不齐。", "建议省级组织常态化培训，编制统一的操作指引。"),
    ],
    "technology": [
        ("中小配套企业信息化基础薄弱，仍有较多企业无法与平台系统直连。", "建议设立中小企业数字化改造专项资金，支持系统对接和上云。"),
        ("平台与部分企业既有系统接口标准不一，对接成本较高。", "建议省级统一供应链数据接口规范，降低系统对接成本。"),
    ],
    "logistics": [
        ("国际海运运力紧张、运价高企，出口订单交付受到影响。", "建议协调班轮公司和中欧班列为重点企业提供舱位保障。"),
        ("大件运输跨省审批时间长，影响重点订单按期交付。", "建议推动大件运输跨省联合审批，缩短审批时限。"),
    ],
    "market": [
        ("原材料价格大幅波动，企业成本控制压力较大。", "建议建立重点原材料供需对接和价格监测机制，及时发布预警信息。"),
        ("下游需求阶段性走弱，部分企业订单减少、库存上升。", "建议组织产销对接活动，帮助企业开拓省内外市场。"),
    ],
    "standards": [("行业内供应链标准不统一，上下游协同成本较高。", "建议支持龙头企业牵头制定团体标准，并推动标准互认。")],
    "data_sharing": [
        ("税务、海关、电力等政务数据共享不足，影响平台信用评价和融资服务。", "建议推动政务数据向供应链公共服务平台有序开放。"),
        ("企业间数据共享存在顾虑，数据确权和安全保护规则不明确。", "建议出台供应链数据共享和安全管理指引。"),
    ],
    "other": [("疫情等突发事件对生产经营和物流运输造成冲击。", "建议完善重点产业链应急保供机制，建立白名单制度。")],
}  # fmt: skip

CASE_TOPICS = [
    ("{product}产业链“统仓共配”降本增效", ["business_model", "technology"]),
    ("以{platform}打通上下游数据链", ["technology"]),
    ("应收账款电子凭证破解配套企业融资难", ["finance", "business_model"]),
    ("“链长+链主”协同推进{product}产业链", ["governance"]),
    ("{product}绿色供应链管理实践", ["green"]),
    ("海外仓助力{product}开拓国际市场", ["global", "business_model"]),
    ("共享库存让备件“当天到场”", ["business_model"]),
    ("数字化质量追溯提升{product}品质", ["technology"]),
    ("订单农业带动{product}产销衔接", ["business_model", "governance"]),
    ("中征平台确权融资服务链上小微企业", ["finance"]),
]
CASE_STEPS = [
    "**统一数据标准。** 梳理订单、物料、物流和结算数据项，制定统一编码和接口规范，为系统对接打基础。",
    "**搭建协同平台。** 依托{platform}建设订单协同、库存共享和物流跟踪模块，{partner}在线接单、确认交期。",
    "**集中采购配送。** 把分散的采购需求集中起来统一议价，由专业物流企业按区域、时段统一配送。",
    "**金融嵌入场景。** 以平台上的真实交易数据为依据，联合{bank}开展应收账款和订单融资，实现在线申请、自动审批。",
    "**质量共治。** 建立供应商质量档案和首件评审机制，对关键供应商派驻质量工程师，问题闭环整改。",
    "**绿色协同。** 推广循环包装、新能源车辆和绿色采购目录，把绿色表现纳入供应商年度评价。",
    "**政策配套。** 协调{dept}部门在资金、通行和用地方面给予支持，降低企业参与门槛。",
    "**机制保障。** 成立由主要负责同志牵头的专班，实行清单化管理，按月调度、按季评估。",
]
CASE_RESULTS = [
    "参与企业由 {k} 家增至 {n} 家，服务{partner} {big} 家；",
    "平均物流成本下降 {p}%，车辆满载率提高到 {pp}%；",
    "链上中小企业融资 {money} 亿元，平均融资成本下降 {small} 个百分点；",
    "订单交付周期缩短 {k} 天，库存周转天数减少 {k2} 天；",
    "产品一次交验合格率提高到 {pp}%，质量投诉下降 {p}%；",
    "单位产值能耗下降 {small}%，一次性包装减少 {p}%；",
    "出口额同比增长 {p}%，新开拓海外客户 {n} 家；",
]
CASE_LESSONS = [
    "政府搭平台、定标准，企业按市场化方式参与，运营主体自负盈亏，模式可持续；",
    "先统一数据和作业标准，再推动业务协同，避免“平台建了没人用”；",
    "从痛点最突出的场景切入，用看得见的降本增效赢得中小企业信任；",
    "金融服务嵌入真实交易场景，以数据增信替代抵押担保；",
    "核心企业带头、配套企业跟进，形成利益共享的协同关系；",
    "把绿色要求写进采购规则，用市场机制引导上下游共同减排；",
]
ABROAD = ["东南亚", "中亚", "俄罗斯", "中东欧", "南美", "非洲", "日韩", "中东"]


# --- numbers -------------------------------------------------------------------


def r(value: float) -> float | int:
    """Round like a person writing a report: 3-4 significant digits, no float noise."""
    if value >= 1000:
        return int(round(value))
    if value >= 100:
        return round(value, 1)
    if value >= 10:
        return round(value, 1)
    return round(value, 2)


def quarters() -> list[Period]:
    out, q = [], FIRST_QUARTER
    while q <= LAST_QUARTER:
        out.append(q)
        q = q.next()
    return out


class Figures:
    """A project's figures over time, consistent with each other.

    Flows: a full-year value per year (2019 .. 2023), year-to-date at each
    quarter's end; growth rates are computed from those flows; ratios drift
    from a baseline towards a target with a little noise; counts rise.
    """

    RATIOS = {
        # code: (baseline low, high, yearly drift as a share of the baseline, decimals)
        "chain_cost_reduction": (2.0, 6.0, 0.08, 1),
        "financing_cost": (5.2, 7.6, -0.05, 2),
        "bad_debt_ratio": (0.4, 1.6, -0.06, 2),
        "npl_ratio": (0.8, 2.2, -0.06, 2),
        "cost_profit_ratio": (2.5, 12.0, 0.05, 1),
        "inventory_turnover": (3.0, 14.0, 0.04, 1),
        "total_asset_turnover": (0.4, 1.8, 0.03, 2),
        "cash_conversion_cycle": (40.0, 210.0, -0.05, 0),
        "roa": (1.0, 7.0, 0.05, 1),
        "quality_pass_rate": (95.0, 99.3, 0.001, 1),
        "on_time_delivery": (84.0, 96.0, 0.01, 1),
        "intl_market_share": (0.3, 5.0, 0.05, 2),
    }
    GROWTH = {"key_industry_growth": "key_industry_output", "scf_growth": "scf_volume",
              "revenue_growth": "revenue"}  # fmt: skip

    def __init__(self, rng: random.Random, audience: str, size: float):
        self.rng = rng
        self.audience = audience
        applicable = [
            code for code, ind in catalogue.indicators().items() if audience in ind.applies_to
        ]
        optional = {"fdi_used", "outbound_investment", "intl_market_share", "green_credit",
                    "zhongzheng_financing", "import_export", "green_purchase"}  # fmt: skip
        self.codes = [c for c in applicable if c not in optional or rng.random() < 0.7]
        self.annual: dict[str, dict[int, float]] = {}
        self.base: dict[str, float] = {}
        self.trend = rng.uniform(0.03, 0.18)
        for code in self.codes:
            ind = catalogue.indicators()[code]
            if code in self.GROWTH:
                continue
            if ind.measure == "flow":
                self.annual[code] = self._flow_years(self._flow_level(code, size))
            elif ind.measure == "count":
                self.base[code] = float(int(rng.uniform(40, 700) * size**0.5))
            else:
                lo, hi, _, _ = self.RATIOS[code]
                self.base[code] = rng.uniform(lo, hi)
        self.season = {q: YTD_SHARE[q] * rng.uniform(0.96, 1.04) for q in (1, 2, 3)}

    def _flow_level(self, code: str, size: float) -> float:
        u = self.rng.uniform
        region = self.audience == "region"
        levels = {
            "key_industry_output": u(150, 1500),
            "leading_enterprise_revenue": u(60, 600),
            "scf_volume": u(10, 150) if region else u(8, 220),
            "smes_served": u(200, 3000),
            "scf_enterprises": u(300, 4000),
            "zhongzheng_financing": u(2, 40),
            "revenue": u(3, 260),
            "green_procurement": u(0.8, 12),
            "green_purchase": u(300, 18000) if self.audience == "entity" else u(60, 900),
            "green_credit": u(2, 40),
            "import_export": u(8, 180) if region else u(0.6, 40),
            "outbound_investment": u(200, 5000),
            "fdi_used": u(600, 20000) if region else u(150, 3000),
        }
        return levels[code] * size

    def _flow_years(self, level_2019: float) -> dict[int, float]:
        years = {2019: level_2019}
        value = level_2019
        for year in (2020, 2021, 2022, 2023):
            shock = -0.06 if year == 2020 else 0.0  # a weaker first year
            value *= 1 + self.trend + shock + self.rng.uniform(-0.05, 0.05)
            years[year] = value
        return years

    def ytd(self, code: str, period: Period) -> float:
        year = self.annual[code][period.year]
        if period.is_annual or period.slot == 4:
            return year
        return year * self.season[period.slot]

    def ratio(self, code: str, period: Period) -> float:
        lo, hi, drift, _ = self.RATIOS[code]
        steps = (period.year - 2019) * 4 + (4 if period.is_annual else period.slot)
        value = self.base[code] * (1 + drift * steps / 4)
        noise = self.rng.uniform(-0.03, 0.03) * value
        value = value + noise
        if code in ("quality_pass_rate", "on_time_delivery"):
            value = min(value, 99.9)
        return value

    def at(self, period: Period) -> dict[str, float | int]:
        out: dict[str, float | int] = {}
        for code in self.codes:
            ind = catalogue.indicators()[code]
            if code in self.GROWTH:
                source = self.GROWTH[code]
                if source not in self.annual:
                    continue
                last = self.ytd(source, Period(period.year - 1, period.slot))
                now = self.ytd(source, period)
                out[code] = round((now / last - 1) * 100, 1)
            elif ind.measure == "flow":
                value = self.ytd(code, period)
                out[code] = int(round(value)) if ind.unit == "家" else r(value)
            elif ind.measure == "count":
                steps = (period.year - 2020) * 4 + (4 if period.is_annual else period.slot)
                out[code] = int(self.base[code] * (1 + 0.04 * steps))
            else:
                decimals = self.RATIOS[code][3]
                value = round(self.ratio(code, period), decimals)
                out[code] = int(value) if decimals == 0 else value
        return out

    def baseline(self, code: str) -> float | int:
        ind = catalogue.indicators()[code]
        if ind.measure == "flow":
            value = self.annual[code][2019]
            return int(round(value)) if ind.unit == "家" else r(value)
        if ind.measure == "count":
            return int(self.base[code])
        return round(self.base[code], self.RATIOS[code][3])

    def target(self, code: str, year: int) -> float | int:
        ind = catalogue.indicators()[code]
        ambition = self.rng.uniform(0.98, 1.12)
        if ind.measure == "flow":
            value = self.annual[code][year] * ambition
            return int(round(value)) if ind.unit == "家" else r(value)
        if ind.measure == "count":
            return int(self.base[code] * (1 + 0.04 * (year - 2020 + 1) * 4) * ambition)
        lo, hi, drift, decimals = self.RATIOS[code]
        value = self.base[code] * (1 + drift * (year - 2019) * ambition)
        if code in ("quality_pass_rate", "on_time_delivery"):
            value = min(value, 99.9)
        value = round(value, decimals)
        return int(value) if decimals == 0 else value


# --- text ----------------------------------------------------------------------


class Writer:
    """Paragraphs from the phrase banks, with the project's own names in the slots."""

    def __init__(self, rng: random.Random, project: dict):
        self.rng = rng
        self.project = project
        self.industry = INDUSTRY_CN[project["industry"]]
        others = [x for x in PRODUCTS[project["industry"]] if x != project["product"]]
        self.products = [project["product"], rng.choice(others)]
        stem = rng.choice(PLATFORM_STEMS)
        self.platform = f"“{stem}”{rng.choice(PLATFORM_SUFFIX)}"

    def slots(self, period: Period | None) -> _Slots:
        """Slot values for one sentence, drawn only when the template asks for them."""
        return _Slots(self, period)

    def compose(self, bank: str, period: Period | None, low: int = 120, high: int = 320) -> str:
        """Sentences from one bank (then others) until the paragraph is `low`..`high` long."""
        want = self.rng.randint(low, high)
        pool = list(BANKS[bank])
        self.rng.shuffle(pool)
        extra = [s for name in ("digital", "collaboration", "performance") if name != bank
                 for s in BANKS[name]]  # fmt: skip
        self.rng.shuffle(extra)
        pool += extra
        text = ""
        for template in pool:
            sentence = template.format_map(self.slots(period))
            if text and len(text) + len(sentence) > high:
                continue
            text += sentence
            if len(text) >= want:
                break
        return text


class _Slots(dict):
    """`str.format_map` context: each slot drawn from the project's generator on first use."""

    def __init__(self, writer: Writer, period: Period | None):
        super().__init__()
        self.writer = writer
        self.period = period

    def __missing__(self, key: str) -> object:
        value = _SLOT_MAKERS[key](self.writer.rng, self.writer, self.period)
        self[key] = value
        return value


_SLOT_MAKERS = {
    "m": lambda rng, w, p: rng.randint(1, 12),
    "k": lambda rng, w, p: rng.randint(2, 9),
    "k2": lambda rng, w, p: rng.randint(1, 6),
    "h": lambda rng, w, p: rng.randint(2, 12),
    "n": lambda rng, w, p: rng.randint(10, 480),
    "n2": lambda rng, w, p: rng.randint(5, 90),
    "big": lambda rng, w, p: rng.randint(120, 3800),
    "p": lambda rng, w, p: round(rng.uniform(3, 35), 1),
    "p2": lambda rng, w, p: rng.randint(45, 70),
    "pp": lambda rng, w, p: round(rng.uniform(72, 98), 1),
    "small": lambda rng, w, p: round(rng.uniform(0.2, 3.5), 1),
    "small2": lambda rng, w, p: round(rng.uniform(0.1, 1.5), 1),
    "cost": lambda rng, w, p: round(rng.uniform(4.2, 6.8), 2),
    "money": lambda rng, w, p: round(rng.uniform(1.5, 90), 1),
    "money2": lambda rng, w, p: round(rng.uniform(0.3, 25), 2),
    "area": lambda rng, w, p: round(rng.uniform(0.5, 9.5), 1),
    "topic": lambda rng, w, p: rng.choice(
        ["原材料保供", "物流通道", "融资对接", "用地保障", "数据共享"]
    ),
    "dept": lambda rng, w, p: rng.choice(DEPTS),
    "unitpart": lambda rng, w, p: rng.choice(
        ["各部门", "各事业部", "各县（市、区）", "各成员单位"]
    ),
    "ytd": lambda rng, w, p: YTD_LABEL[4 if p is None or p.is_annual else p.slot],
    "platform": lambda rng, w, p: w.platform,
    "product": lambda rng, w, p: rng.choice(w.products),
    "industry": lambda rng, w, p: w.industry,
    "place": lambda rng, w, p: rng.choice(PLACES),
    "partner": lambda rng, w, p: rng.choice(PARTNER_KINDS),
    "bank": lambda rng, w, p: "合作" + rng.choice(BANK_KINDS),
    "stdkind": lambda rng, w, p: rng.choice(STANDARD_KINDS),
    "abroad": lambda rng, w, p: rng.choice(ABROAD),
    "reviewer": lambda rng, w, p: CITY_NAMES[w.project["city"]] + "商务局",
    "unit": lambda rng, w, p: w.project["unit"],
    "year": lambda rng, w, p: p.year if p else 2023,
}


ITEM_BANK = {
    "coordination_mechanism": "mechanism", "mechanism": "mechanism",
    "overall_progress": "progress", "department_and_talent": "talent", "training": "talent",
    "publicity": "publicity", "timely_reporting": "timely_reporting",
    "infrastructure": "infrastructure", "technology_support": "digital",
    "informatisation": "digital", "intelligence": "digital", "technology": "digital",
    "standards": "standards", "standardisation": "standards", "collaboration": "collaboration",
    "policies": "policies", "public_services": "public_services", "governance": "governance",
    "key_industries": "region_performance", "leading_enterprises": "region_performance",
    "industry_synergy": "region_performance", "quality": "quality",
    "partner_effects": "partner_effects", "risk_control": "risk_control",
    "business_models": "business_models", "replicable_practice": "replicable_practice",
    "zhongzheng_platform": "zhongzheng", "green_procurement": "green", "guidelines": "green",
    "environmental_credit": "green", "disclosure": "green", "green_technology": "green",
}  # fmt: skip
SECTION_BANK = {"targets": "targets_summary", "performance": "performance", "finance": "finance",
                "green": "green", "global": "global"}  # fmt: skip
SHORT_ITEMS = {"timely_reporting"}


# --- projects ------------------------------------------------------------------

# The first projects cover every combination, so even a tiny province has them all.
SEED_SHAPES = [
    ("region", "national_pilot", None, False),
    ("enterprise", "provincial", "entity", False),
    ("enterprise", "national_pilot", "financial", True),
    ("region", "provincial", None, False),
    ("enterprise", "national_pilot", "entity", True),
    ("enterprise", "provincial", "financial", False),
]


def _shape(rng: random.Random, index: int) -> tuple[str, str, str | None, bool]:
    if index < len(SEED_SHAPES):
        return SEED_SHAPES[index]
    kind = "region" if rng.random() < 0.14 else "enterprise"
    tier = "national_pilot" if rng.random() < 0.25 else "provincial"
    if kind == "region":
        return kind, tier, None, False
    etype = "financial" if rng.random() < 0.18 else "entity"
    return kind, tier, etype, rng.random() < 0.2


def make_project(rng: random.Random, index: int) -> dict:
    kind, tier, etype, soe = _shape(rng, index)
    city = CITIES[index % len(CITIES)][0] if index < len(CITIES) else rng.choices(
        [c[0] for c in CITIES], weights=[c[3] for c in CITIES]
    )[0]  # fmt: skip
    city_name, area_code = CITY_NAMES[city], next(c[2] for c in CITIES if c[0] == city)
    if kind == "region":
        industry = rng.choice(REGION_INDUSTRIES)
    elif etype == "financial":
        industry = "finance"
    else:
        industry = rng.choice(ENTITY_INDUSTRIES)
    slug = industry.replace("_", "-")
    number = f"{index + 1:04d}"
    pid = f"{city}-{'region' if kind == 'region' else slug}-{number}"
    product = rng.choice(PRODUCTS[industry])
    industry_cn = INDUSTRY_CN[industry]
    if kind == "region":
        place = rng.choice(PLACES)
        label = "供应链创新与应用试点城市" if tier == "national_pilot" else "省重点供应链区域"
        name = f"合成示例·{city_name}{place}{industry_cn}{label}（{number}）"
        unit = (
            f"合成示例·{city_name}{place}管委会"
            if rng.random() < 0.5
            else f"合成示例·{city_name}商务局"
        )
    elif etype == "financial":
        bank = rng.choice(BANK_KINDS)
        name = f"合成示例·{product}服务创新项目（{number}）"
        unit = f"合成示例·山西某{bank}（{number}）"
    else:
        name = f"合成示例·{product}产业链协同项目（{number}）"
        unit = f"合成示例·{city_name}某{industry_cn}{'集团' if soe else ''}有限公司（{number}）"
    project = {"id": pid, "name": name, "unit": unit, "kind": kind, "tier": tier, "city": city,
               "industry": industry, "product": product}  # fmt: skip
    audience = "region" if kind == "region" else etype
    size = rng.lognormvariate(0, 0.5)
    figures = Figures(rng, audience, size)
    writer = Writer(rng, project)
    summary = (
        f"（合成示例）项目以{product}产业链为重点，依托{writer.platform}推动订单、库存、物流和结算数据在线协同，"
        + writer.compose("collaboration", None, 80, 160)
        + writer.compose("business_models", None, 60, 140)
    )
    data: dict = {
        "id": pid,
        "name": name,
        "unit": unit,
        "kind": kind,
        "tier": tier,
        "city": city,
        "start_date": PROGRAMME_START.isoformat(),
        "industry": industry,
    }
    if kind == "enterprise":
        data["enterprise_type"] = etype
        data["provincial_soe"] = soe
        # A fictional code (its organisation part is the project's number), check digit valid.
        first = f"91{area_code[:6]:0<6}{index + 1:09d}"
        data["credit_code"] = first + check_character(first)
    data["public_summary"] = summary[:990]
    targets = []
    candidates = [c for c in figures.codes if c not in figures.GROWTH]
    rng.shuffle(candidates)
    for number_, code in enumerate(candidates[: rng.randint(3, 5)], start=1):
        year = rng.choice([2022, 2023])
        targets.append({"id": f"T{number_}", "indicator": code, "baseline": figures.baseline(code),
                        "baseline_year": 2019, "target": figures.target(code, year),
                        "target_year": year})  # fmt: skip
    targets.append(
        {
            "id": f"T{len(targets) + 1}",
            "target_year": 2021,
            "text": f"建成{writer.platform}，接入{rng.choice(PARTNER_KINDS)}不少于 {rng.randint(50, 800)} 家，"
            f"形成{product}供应链协同、金融和绿色服务能力。",
        }
    )
    data["targets"] = targets
    data["contacts"] = [
        {
            "name": f"合成联系人{rng.choice(SURNAMES)}{k}",
            "role": rng.choice(ROLES),
            "phone": f"{area_code}-{rng.randint(2000000, 8999999)}",
            "email": f"synth-{pid}-{k}@example.org",
        }
        for k in range(1, rng.randint(1, 2) + 1)
    ]
    data["submitters"] = [f"{pid[:33]}-u1"]
    return {"data": data, "figures": figures, "writer": writer, "audience": audience,
            "project": project, "cancelled": None}  # fmt: skip


# --- reports -------------------------------------------------------------------


def _progress(rng: random.Random, p: dict, period: Period, values: dict) -> list[dict]:
    rows = []
    for target in p["data"]["targets"]:
        year_done = target["target_year"]
        code = target.get("indicator")
        if code is None:
            done = period.year > year_done or (period.year == year_done and period.slot >= 4)
            status = "completed" if done else "in_progress"
            note = "平台已建成并稳定运行。" if done else "平台建设按计划推进，已完成阶段性任务。"
        else:
            status = "delayed" if rng.random() < 0.08 else "in_progress"
            ind = catalogue.indicators()[code]
            value = values.get(code)
            if value is None:
                note = f"{ind.name}本期暂无数据，将在下期补充说明。"
            else:
                when = YTD_LABEL[4 if period.is_annual else period.slot]
                note = f"{when}{ind.name} {value}{ind.unit}，目标为 {year_done} 年达到 {target['target']}{ind.unit}。"
        rows.append({"target": target["id"], "status": status, "note": note})
    return rows


def _figures_sentence(values: dict, section: str, kind: str, period: Period) -> str:
    when = YTD_LABEL[4 if period.is_annual else period.slot]
    bits = []
    for code, value in values.items():
        ind = catalogue.indicators()[code]
        if ind.section.get(kind) != section:
            continue
        prefix = when if ind.measure == "flow" else "期末" if ind.measure == "count" else ""
        bits.append(f"{prefix}{ind.name} {value}{ind.unit}")
    return ("；".join(bits) + "。") if bits else ""


def make_report(rng: random.Random, p: dict, period: Period) -> dict:
    project, writer, kind = p["data"], p["writer"], p["data"]["kind"]
    values = p["figures"].at(period)
    data: dict = {"project": project["id"], "period": str(period), "kind": kind}
    if period.is_annual:
        data["overall"] = writer.compose("overall", period, 260, 480)
    for part in schema.report_parts(kind, period.is_annual):
        if part.key in ("problems", "next_steps", "cases"):
            continue
        section: dict = {}
        for key, sub in part.items:
            applies = sub.get("x-applies-to")
            if applies and project.get("enterprise_type") not in applies:
                continue
            if section and rng.random() < 0.06:
                continue  # now and then an item is left out
            if key == "summary":
                bank = SECTION_BANK.get(part.key, "performance")
            else:
                bank = ITEM_BANK.get(key, "performance")
            low, high = (40, 120) if key in SHORT_ITEMS else (100, 300)
            if period.is_annual:
                low, high = low + 60, high + 160
            text = writer.compose(bank, period, low, high)
            if key == "summary" or (part.key == "performance" and key == "key_industries"):
                text = _figures_sentence(values, part.key, kind, period) + text
            section[key] = text
        if part.key == "targets":
            section["progress"] = _progress(rng, p, period, values)
        figures = {
            code: value
            for code, value in values.items()
            if catalogue.indicators()[code].section.get(kind) == part.key
        }
        if figures:
            section["figures"] = figures
        if section:
            data[part.key] = section
    themes = rng.sample(sorted(PROBLEMS), rng.randint(1, 3))
    data["problems"] = []
    for theme in themes:
        problem, suggestion = rng.choice(PROBLEMS[theme])
        context = writer.compose("performance", period, 30, 90)
        data["problems"].append(
            {"theme": theme, "problem": context + problem, "suggestion": suggestion}
        )
    data["next_steps"] = writer.compose("next_steps", period, 100, 260)
    return data


def make_case(rng: random.Random, p: dict, period: Period) -> dict:
    writer = p["writer"]
    slots = writer.slots(period)
    title_template, tags = rng.choice(CASE_TOPICS)
    title = title_template.format_map(slots)
    steps = rng.sample(CASE_STEPS, rng.randint(3, 5))
    results = rng.sample(CASE_RESULTS, rng.randint(3, 4))
    lessons = rng.sample(CASE_LESSONS, rng.randint(2, 3))
    background = writer.compose("progress", period, 120, 220)
    body = "\n".join(
        ["### 背景", "", background + writer.compose("performance", period, 80, 160), "",
         "### 主要做法", ""]
        + [f"{i}. " + s.format_map(writer.slots(period)) for i, s in enumerate(steps, start=1)]
        + ["", "### 取得成效", ""]
        + ["- " + s.format_map(writer.slots(period)) for s in results]
        + ["", "### 可复制推广的经验", ""]
        + ["- " + s for s in lessons]
    ) + "\n"  # fmt: skip
    summary = f"{CITY_NAMES[p['data']['city']]}{p['data']['unit'].removeprefix('合成示例·')}" + (
        writer.compose("business_models", period, 60, 140)
    )
    return {"title": title, "summary": summary[:290], "body": body, "tags": tags,
            "public": rng.random() < 1 / 3}  # fmt: skip


# --- the province ----------------------------------------------------------------


def registry_files(projects: list[dict], rng: random.Random) -> dict[str, dict]:
    cities = {
        "province": {"name": "山西省商务厅", "team": "@shanxi-scm-synth/province",
                     "maintainers": ["sx-province-synth", "sctrack-maintainer-synth"]},
        "sasac": {"name": "山西省国资委", "team": "@shanxi-scm-synth/sasac"},
        "cities": [{"id": c, "name": n, "reviewer_team": f"@shanxi-scm-synth/{c}"}
                   for c, n, _, _ in CITIES],
    }  # fmt: skip
    policy = {
        "programme": {"start": PROGRAMME_START.isoformat(), "end": PROGRAMME_END.isoformat()},
        "calendar": {"quarterly_due_day": 15, "annual_due_month": 1, "annual_due_day": 31,
                     "grace_days": 0},
        "adjustment": {"warning_window": 4, "warning_missing_or_late": 1,
                       "warning_lagging_share": 0.5, "cancel_consecutive_missing": 2},
        "disclosure": {"min_contributors": 3, "max_share_pct": 85},
    }  # fmt: skip
    decisions, flags = [], []
    # Later projects only, so the covering first ones keep all their reports.
    pool = projects[len(SEED_SHAPES) :]
    chosen = rng.sample(pool, min(len(pool), max(0, len(projects) // 40)))
    for i, p in enumerate(chosen):
        pid = p["data"]["id"]
        if i % 3 == 0:
            day = date(2022, 9, rng.randint(5, 28))
            decisions.append({"project": pid, "date": day.isoformat(), "decision": "cancel",
                              "document_no": f"合成晋商建函〔2022〕{100 + i}号",
                              "reason": "项目单位连续两期未按要求报送进展报告，经督促仍未整改，"
                                        "根据通知第四部分第（五）项取消其重点培育资格。"})  # fmt: skip
            flags.append({"project": pid, "date": (day - timedelta(days=40)).isoformat(),
                          "type": "risk", "note": "市商务局报告企业经营困难、主要客户回款延迟，存在停产风险（合成）。"})  # fmt: skip
            p["cancelled"] = day
        else:
            day = date(2021 + i % 3, 3 + (i % 3) * 3, rng.randint(5, 25))
            decisions.append({"project": pid, "date": day.isoformat(), "decision": "warning",
                              "document_no": f"合成晋商建函〔{day.year}〕{200 + i}号",
                              "reason": "该项目上一季度进展报告逾期报送，且主要指标进展明显滞后，予以预警，"
                                        "限期一个月内提交整改说明。"})  # fmt: skip
            if i % 3 == 2:
                later = day + timedelta(days=rng.randint(100, 200))
                decisions.append({"project": pid, "date": later.isoformat(), "decision": "restore",
                                  "document_no": f"合成晋商建函〔{later.year}〕{300 + i}号",
                                  "reason": "项目单位已按要求整改，报送及时，主要指标恢复正常，解除预警。"})  # fmt: skip
    decisions.sort(key=lambda d: d["date"])
    flags.sort(key=lambda f: f["date"])
    return {"cities": cities, "policy": policy,
            "adjustments": {"decisions": decisions, "flags": flags}}  # fmt: skip


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(schema_name: str, data: dict, depth: int) -> str:
    header = f"# yaml-language-server: $schema={'../' * depth}site_builder/spec/schemas/{schema_name}.schema.json\n"
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return header + HEADER + body


def generate(out: Path, projects_n: int = 500, seed: int = 1) -> dict:
    """Write the province under `out`; return counts (files, projects, reports, cases)."""
    out = Path(out)
    rng = random.Random(seed)
    projects = [make_project(rng, i) for i in range(projects_n)]
    registry = registry_files(projects, rng)
    submissions = out / "submissions"
    if submissions.exists():
        shutil.rmtree(submissions)
    (submissions / "registry").mkdir(parents=True)
    for name, data in registry.items():
        (submissions / "registry" / f"{name}.yaml").write_text(
            dump(name, data, 2), encoding="utf-8"
        )
    counts = {"projects": len(projects), "reports": 0, "quarterly": 0, "annual": 0, "cases": 0,
              "public_cases": 0, "files": 3}  # fmt: skip
    for p in projects:
        folder = submissions / "projects" / p["data"]["id"]
        folder.mkdir(parents=True)
        (folder / "project.yaml").write_text(dump("project", p["data"], 3), encoding="utf-8")
        counts["files"] += 1
        periods = []
        for q in quarters():
            periods.append(q)
            if q.slot == 4:
                periods.append(Period.annual(q.year))
        if p["cancelled"]:
            periods = [x for x in periods if x.end <= p["cancelled"]]
        reports = {x: make_report(rng, p, x) for x in periods}
        for x in rng.sample(periods, min(len(periods), rng.randint(2, 4))):
            case = make_case(rng, p, x)
            reports[x].setdefault("cases", []).append(case)
            counts["cases"] += 1
            counts["public_cases"] += bool(case["public"])
        for x, data in reports.items():
            if "cases" in data:  # keep the schema's order: cases last
                data["cases"] = data.pop("cases")
            name = "annual-report" if x.is_annual else "quarterly-report"
            (folder / report_file_name(x)).write_text(dump(name, data, 3), encoding="utf-8")
            counts["reports"] += 1
            counts["annual" if x.is_annual else "quarterly"] += 1
            counts["files"] += 1
    for extra in ("mkdocs.yml",):
        shutil.copyfile(REPO / extra, out / extra)
    if (out / "docs").exists():
        shutil.rmtree(out / "docs")
    shutil.copytree(REPO / "docs", out / "docs")
    return counts


# --- optional git history ----------------------------------------------------------


def _due(period: Period) -> date:
    if period.is_annual:
        return date(period.year + 1, 1, 31)
    after = period.end + timedelta(days=1)
    return date(after.year, after.month, 15)


def write_history(out: Path, seed: int = 1) -> int:
    """Replay `submissions/` as dated pull-request merges with one `git fast-import`; return PRs."""
    out = Path(out)
    rng = random.Random(seed * 7919 + 1)
    tz = timezone(timedelta(hours=8))
    if (out / ".git").exists():
        shutil.rmtree(out / ".git")
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
    files = sorted(p for p in (out / "submissions").rglob("*.yaml"))
    events = []  # (confirmed, submitted, [paths], title, author)
    opening = datetime.combine(PROGRAMME_START, datetime.min.time(), tz).replace(hour=9)
    registry = [f for f in files if f.parent.name == "registry"]
    events.append((opening, opening, registry, "登记城市、审核团队和报送规则", "sx-province-synth"))
    for f in files:
        if f.parent.name == "registry":
            continue
        project = f.parent.name
        if f.name == "project.yaml":
            when = opening + timedelta(hours=1, minutes=rng.randint(0, 600))
            events.append((when, when, [f], f"登记项目：{project}", "sx-province-synth"))
            continue
        stem = f.name[: -len(".yaml")]
        period = (
            Period(int(stem[:4]), 5)
            if stem.endswith("annual")
            else Period(int(stem[:4]), int(stem[-1]))
        )
        due = _due(period)
        if rng.random() < 0.04:  # late
            submitted_day = due + timedelta(days=rng.randint(1, 12))
            confirmed_day = submitted_day + timedelta(days=rng.randint(1, 5))
        else:
            submitted_day = due - timedelta(days=rng.randint(2, 12))
            confirmed_day = min(submitted_day + timedelta(days=rng.randint(1, 5)), due)
        submitted = datetime.combine(submitted_day, datetime.min.time(), tz).replace(
            hour=9 + rng.randint(0, 7), minute=rng.randint(0, 59))  # fmt: skip
        confirmed = max(
            datetime.combine(confirmed_day, datetime.min.time(), tz).replace(
                hour=9 + rng.randint(0, 8), minute=rng.randint(0, 59)),
            submitted + timedelta(hours=1),
        )  # fmt: skip
        events.append(
            (confirmed, submitted, [f], f"{project} {period.label}报告", f"{project[:33]}-u1")
        )
    events.sort(key=lambda e: (e[0], str(e[2][0])))

    def stamp(moment: datetime) -> str:
        return f"{int(moment.timestamp())} +0800"

    def data(text: str) -> bytes:
        raw = text.encode("utf-8")
        return b"data %d\n" % len(raw) + raw + b"\n"

    stream = bytearray()
    mark = 0

    def blob(path: Path) -> int:
        nonlocal mark
        raw = path.read_bytes()
        mark += 1
        stream.extend(b"blob\nmark :%d\ndata %d\n" % (mark, len(raw)) + raw + b"\n")
        return mark

    def person(role: str, login: str, moment: datetime) -> bytes:
        return f"{role} {login} <{login}@users.noreply.github.com> {stamp(moment)}\n".encode()

    first = opening - timedelta(days=1)
    (out / ".gitignore").write_text("/build/\n/site*/\n", encoding="utf-8")
    site_files = [f for f in sorted((out / "docs").rglob("*")) if f.is_file()]
    site_files += [out / "mkdocs.yml", out / ".gitignore"]
    blobs = [(blob(f), f.relative_to(out).as_posix()) for f in site_files]
    mark += 1
    stream += b"commit refs/heads/main\nmark :%d\n" % mark
    stream += person("committer", "sx-province-synth", first)
    stream += data("建立供应链重点项目在线跟进仓库（合成）")
    for blob_mark, rel in blobs:
        stream += f"M 100644 :{blob_mark} {rel}\n".encode()
    main = mark
    for number, (confirmed, submitted, paths, title, author) in enumerate(events, start=2):
        changes = [(blob(path), path.relative_to(out).as_posix()) for path in paths]
        mark += 1
        branch = mark
        stream += b"commit refs/heads/pr\nmark :%d\n" % branch
        stream += person("author", author, submitted) + person("committer", author, submitted)
        stream += data(title)
        stream += b"from :%d\n" % main
        for blob_mark, rel in changes:
            stream += f"M 100644 :{blob_mark} {rel}\n".encode()
        mark += 1
        stream += b"commit refs/heads/main\nmark :%d\n" % mark
        stream += person("author", "sx-province-synth", confirmed)
        stream += person("committer", "sx-province-synth", confirmed)
        stream += data(f"Merge pull request #{number} from {author}/pr-{number}\n\n{title}")
        stream += b"from :%d\nmerge :%d\n" % (main, branch)
        for blob_mark, rel in changes:
            stream += f"M 100644 :{blob_mark} {rel}\n".encode()
        main = mark
    subprocess.run(
        ["git", "-C", str(out), "fast-import", "--quiet"], input=bytes(stream), check=True
    )
    subprocess.run(["git", "-C", str(out), "update-ref", "-d", "refs/heads/pr"], check=False)
    subprocess.run(["git", "-C", str(out), "checkout", "-q", "-f", "main"], check=True)
    return len(events)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (a repository root)")
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--history", action="store_true", help="replay as dated merges into git")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    counts = generate(args.out, args.projects, args.seed)
    line = (
        f"{counts['projects']} projects, {counts['quarterly']} quarterly reports, "
        f"{counts['annual']} annual summaries, {counts['cases']} cases "
        f"({counts['public_cases']} public), {counts['files']} files in {args.out}"
    )
    if args.history:
        line += f"; {write_history(args.out, args.seed)} merged pull requests"
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
