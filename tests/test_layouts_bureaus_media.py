"""Bureaus', commercial media's, overseas and public-security pages (held-out sets AA, AB, AC and AE,
December 7, afternoon): each shape a page of those sets lost, written afresh, with what each rule
must leave alone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import assert_page_comes_out

BUREAU = "泠源市人力资源和社会保障局"
BUREAU_MENU = ["首页", "人社要闻", "政务公开", "就业创业", "社会保障", "互动交流"]
BUREAU_FOOT = ["网站地图　|　联系我们", f"主办：{BUREAU}　网站标识码：3301000023　浙ICP备05012345号"]


def bureau_page(headline: str, *lines: str) -> str:
    """A department's page whose <title> is the department's name alone, echoed by its masthead."""
    return "\n".join([BUREAU, BUREAU, *BUREAU_MENU, "首页 > 通知公告", headline, *lines, *BUREAU_FOOT]) + "\n"


def media_page(title: str, site: str, *lines: str) -> str:
    """A commercial site's page: "<headline>_<site>", its menu, then ``lines`` (headline included)."""
    return (
        "\n".join([f"{title}_{site}", site, "首页", "资讯", "论坛", "登录", *lines, f"© 2024 {site}"]) + "\n"
    )


NOTICE_TEXT = (
    "根据《事业单位公开招聘人员暂行规定》，现将市直事业单位公开招聘笔试成绩予以公示，公示期为5个工作日。"
)

# (page, what must come out)
CASES: list[tuple[str, dict[str, Any]]] = [
    # The page title names the department only and its masthead echoes it: the headline is the
    # line over the text, not the masthead.
    (
        bureau_page(
            "2024年市直事业单位公开招聘笔试成绩公示",
            "发布时间：2024-06-03 18:12",
            NOTICE_TEXT,
            "公示期间如有异议，请与市人力资源和社会保障局联系。",
        ),
        {"title": "2024年市直事业单位公开招聘笔试成绩公示", "first": "根据《事业单位"},
    ),
    # …a ministry's full name alone as its page title, no echo: not the headline.
    (
        "\n".join(
            [
                "中华人民共和国泠源部",
                "首页",
                "新闻",
                "政务公开",
                "首页 > 新闻 > 工作动态",
                "泠源部部署开展夏季安全生产检查",
                "2024-06-04　来源：新华社",
                "新华社北京6月3日电（记者张明）泠源部3日召开会议，部署开展夏季安全生产大检查工作。",
                "会议要求，各地要压实责任，抓好隐患排查整改，坚决防范遏制重特大事故发生。",
            ]
        ),
        {"title": "泠源部部署开展夏季安全生产检查"},
    ),
    # A page title that is the headline, echoed over the text, stays the headline though it ends
    # in a body's word (…服务中心).
    (
        "\n".join(
            [
                "我市新建三个养老服务中心",
                "泠源新闻网",
                "首页",
                "本地新闻",
                "我市新建三个养老服务中心",
                "2024-05-06 10:20 来源：泠源日报",
                "近日，我市三个新建的养老服务中心正式投入使用，可为周边老人提供日间照料、助餐等服务。",
                "据介绍，三个中心共设床位120张，配备专业护理人员30名。",
            ]
        ),
        {"title": "我市新建三个养老服务中心"},
    ),
    # A forum thread's poster over the thread's 楼主 mark and the post's time.
    (
        media_page(
            "[闲聊] 第一次带孩子去看球，说几点感受",
            "泠源论坛",
            "[闲聊] 第一次带孩子去看球，说几点感受",
            "科比的左手护腕",
            "楼主",
            "2023-12-10 23:12",
            "周末带孩子去看了一场比赛，他今年七岁，第一次进球馆，全程都很兴奋，回家路上一直在说。",
            "票要早买，球馆里很吵，最好给小孩带上耳塞，散场时人很多，地铁站要排很久的队。",
        ),
        {"author": "科比的左手护腕"},
    ),
    # …a user's name ending in digits or an underscore, over the time.
    (
        media_page(
            "宝宝7个月了，晚上总是醒好几次，是不是缺钙？",
            "泠源育儿问答",
            "宝宝7个月了，晚上总是醒好几次，是不是缺钙？",
            "小鱼妈妈2023",
            "2023-11-02 22:41",
            "宝宝7个月，母乳加奶粉混合喂养，最近一个月晚上特别容易醒，少的时候三次，多的时候五次。",
            "老人说是缺钙，但是上个月体检医生说发育正常，想问问有经验的妈妈们这种情况正常吗？",
        ),
        {"author": "小鱼妈妈2023"},
    ),
    # (A member's level badge under the name is no name: Lv6.)
    (
        media_page(
            "入手半年的空气炸锅真实体验",
            "泠源值得买",
            "入手半年的空气炸锅真实体验",
            "一只小咸鱼",
            "Lv6",
            "2024-03-05 20:15 发布",
            "去年九月入手了一台空气炸锅，到现在用了半年，说说真实的感受，给想买的朋友做个参考。",
            "优点是省油省事，缺点是噪音比想象中大，内胆涂层用了四个月出现了轻微掉涂层的情况。",
        ),
        {"not_author": "Lv6"},
    ),
    # The writer's outlet between the byline's label and the writer's name: the name writes, the
    # outlet is the source; an outlet's photographer after the writer does not void the writer.
    (
        media_page(
            "售价12.98万元起 青山L5正式上市",
            "泠源车讯",
            "售价12.98万元起 青山L5正式上市",
            "2024-05-21 20:11 作者：网通社 孙悦",
            "5月21日，青山L5正式上市，新车共推出4款配置车型，售价区间为12.98万-15.98万元。",
            "新车搭载1.5T发动机，最大功率135kW，匹配7速双离合变速箱。",
            "（编辑：网通社 周然）",
        ),
        {"author": "孙悦", "publisher": "网通社", "editors": ["周然"]},
    ),
    (
        media_page(
            "空间更大更舒适 试驾全新一代澜途S9",
            "泠源汽车",
            "空间更大更舒适 试驾全新一代澜途S9",
            "2024-02-26 09:00 文/汽车之家 张驰 摄影/汽车之家 王博",
            "全新一代澜途S9的轴距增加了50毫米，后排腿部空间明显宽敞，长途乘坐也不觉得累。",
            "动力方面，新车搭载2.0T发动机，起步平顺，中段加速有力，高速巡航时车内也很安静。",
        ),
        {"author": "张驰"},
    ),
    # (…an agency's photographer alone still credits no writer: 新华社记者 李梦馨 摄.)
    (
        media_page(
            "春耕时节田间忙",
            "泠源新闻网",
            "春耕时节田间忙",
            "2024-03-20 10:00",
            "新华社记者 李梦馨 摄",
            "3月19日，农民在田间驾驶农机翻耕土地。眼下正值春耕时节，各地农民抢抓农时开展生产。",
            "据了解，今年全省春播面积预计稳定在5000万亩以上，农资供应充足，价格总体平稳。",
        ),
        {"author": None},
    ),
    # A thread's replies, each under its poster's 作者： and 回复日期：, sign no text of theirs.
    (
        media_page(
            "一个人骑行川藏线的二十三天",
            "泠源社区",
            "一个人骑行川藏线的二十三天",
            "2023-10-12 09:03:17",
            "去年八月，辞职后的第二个星期，我一个人从成都出发，骑车去拉萨，一路上遇到了很多人和事。",
            "出发前我几乎没有骑行经验，唯一的准备是在网上买了一辆二手山地车，练了两个星期。",
            "作者：云中漫步 回复日期：2023-10-12 11:02:15",
            "楼主加油，等更新！",
            "作者：老驴不老 回复日期：2023-10-12 12:30:48",
            "318上的风景真是一辈子忘不了，注意高反。",
        ),
        {"author": None},
    ),
    # (…a byline whose line also prints a time's label is still the writer's.)
    (
        media_page(
            "泠源江畔春色浓",
            "泠源新闻网",
            "泠源江畔春色浓",
            "作者：林远山 发布时间：2024-03-12 09:30",
            "连日来，泠源江畔桃花、油菜花竞相开放，吸引众多市民游客前来踏青赏花，拍照留念。",
            "据了解，沿江绿道全长12公里，今年新增花卉种植面积300余亩。",
        ),
        {"author": "林远山"},
    ),
    # A closing bracket that says how the piece was made (綜合報道), not who made it.
    (
        media_page(
            "颱風逼近 天文台考慮改發八號風球",
            "泠源日報",
            "颱風逼近 天文台考慮改發八號風球",
            "2024-09-05 10:20",
            "天文台表示，颱風正逐漸靠近本港，會考慮於今日下午改發八號烈風或暴風信號。",
            "天文台呼籲市民留意最新天氣消息，做好防風準備，切勿前往海灘或水上活動。（綜合報道）",
        ),
        {"author": None},
    ),
    # (…a bare name closing it is its writer's still.)
    (
        media_page(
            "泠源市开展防汛应急演练",
            "泠源新闻网",
            "泠源市开展防汛应急演练",
            "2024-06-05 10:20",
            "6月4日，泠源市在城南水库开展防汛应急演练，模拟水库出现险情后的处置流程。",
            "演练检验了各部门协调联动能力，提高了应对突发汛情的实战水平。（张巨峰）",
        ),
        {"author": "张巨峰"},
    ),
    # A review's rating under its headline is no account.
    (
        media_page(
            "一部把“慢”拍到极致的年代剧",
            "泠源影评",
            "一部把“慢”拍到极致的年代剧",
            "力荐",
            "2024-02-18 10:30",
            "在一个倍速观看成为常态的年代，这部剧几乎是在和观众的耐心较劲，前三集几乎没有冲突。",
            "可恰恰是这种慢，让这部剧在开播两周后口碑逆势上扬，评分从7.6涨到了8.4。",
        ),
        {"author": None},
    ),
    # A notice portal's publication date label (刊登日期), its posting court (公告法院), its kind.
    (
        "\n".join(
            [
                "泠源法院公告网",
                "首页",
                "公告查询",
                "当前位置：首页 > 公告查询 > 公告详情",
                "送达起诉状副本及开庭传票公告",
                "公告类型：起诉状副本及开庭传票",
                "公告法院：泠源县人民法院",
                "刊登日期：2024-05-13",
                "陈某某：",
                "本院受理原告某某小额贷款有限公司诉你民间借贷纠纷一案，现依法向你公告送达起诉状副本、应诉通知书及开庭传票。",
                "泠源县人民法院",
                "二〇二四年五月十日",
            ]
        ),
        {
            "date": "2024-05-13",
            "publisher": "泠源县人民法院",
            "title": "送达起诉状副本及开庭传票公告",
            "first": "陈某某：",
        },
    ),
    # A platform's blurb over its own editor's credit, then the text right under the credit.
    (
        media_page(
            "把旧 iPad 变成家庭相框：我的低成本方案",
            "泠源数码",
            "把旧 iPad 变成家庭相框：我的低成本方案",
            "阿远同学",
            "2024年01月09日",
            "Matrix 精选",
            "Matrix 是本站的写作社区，我们主张分享真实的产品体验，有实用价值的经验，不定期挑选优质文章。",
            "文章代表作者个人观点，本站仅对标题和排版略作修改。",
            "编辑：克莱德",
            "家里有一台 2017 年的 iPad，电池已经不太行了，系统也停在了旧版本，平时基本吃灰。",
            "折腾了两个周末，我把它变成了一个家庭相框，效果比我预期的好，总花费不到 100 元。",
            "最简单的办法是打开照片，选中一个相册播放幻灯片，缺点是幻灯片播完会停止，需要手动重新开始。",
            "我最终用的是共享相簿加引导式访问的方案，把爸妈和我们兄妹都邀请进来，谁拍了好照片都可以加进去。",
            "现在爸妈每天早上起来第一件事，就是看看相框里有没有新照片，这是这台 iPad 这几年最有用的时刻。",
        ),
        {"first": "家里有一台", "not_in_body": "Matrix 是本站"},
    ),
    # (…a text the credit closes, then something else: the text stays.)
    (
        media_page(
            "泠源市启动夏季消夏夜市",
            "泠源新闻网",
            "泠源市启动夏季消夏夜市",
            "2024-06-28 20:00",
            "6月28日晚，泠源市夏季消夏夜市在江滨公园开市，共设摊位200余个，将持续至9月底，营业时间为每晚6点至11点。",
            "责任编辑：王芳",
            "网友评论",
            "江边吹着风吃着烧烤，太舒服了，希望每年都办，也希望摊位能再多一些，品种能更丰富一些。",
            "昨天去了一趟，人特别多，停车不太方便，建议大家坐公交过去，另外垃圾桶有点少，希望改进。",
            "带孩子去玩了，有套圈、捞金鱼，孩子玩得很开心，价格也算公道，就是排队的人太多了一点。",
            "夜市的小吃很有特色，臭豆腐和炒米粉都不错，就是座位少，很多人只能站着吃，建议多摆些桌椅。",
        ),
        {"first": "6月28日晚", "not_in_body": "江边吹着风"},
    ),
    # One record's table a cell a line (each field's name over its value), then the notice goes on.
    (
        bureau_page(
            "关于某某精密部件有限公司新建项目环境影响报告表拟审批的公示",
            "发布时间：2024-05-20 16:42",
            "根据建设项目环境影响评价审批程序的有关规定，经审查，我局拟对下列建设项目作出审批意见，现予以公示。",
            "项目名称",
            "某某精密部件有限公司新建精密五金件生产项目",
            "建设地点",
            "泠源市黄埭镇春旺路18号",
            "建设单位",
            "某某精密部件有限公司",
            "主要环境影响及预防或者减轻不良环境影响的对策和措施",
            "1.废气：清洗烘干工序产生的少量废气经集气罩收集后通过二级活性炭吸附处理后排放。",
            "2.噪声：选用低噪声设备，采取隔声、减振等措施，厂界噪声达到相应排放标准。",
            "公示期间，公众如对上述拟审批项目有异议，可通过信函、电子邮件等方式向我局反映。",
        ),
        {"in_body": "建设地点", "last": "公示期间，公众如对上述"},
    ),
    # (…a page's own information block printed a cell a line under its text is not a record.)
    (
        "\n".join(
            [
                "泠源县2024年春季农业生产技术意见",
                "泠源县农业农村局",
                "首页 > 农技服务",
                "泠源县2024年春季农业生产技术意见",
                "目前，我县小麦已陆续进入返青期，据苗情调查，全县小麦苗情总体偏好，一二类苗占比达到八成以上。",
                "各地要抓好镇压划锄、分类管理、化控防倒等关键措施，密切关注天气变化，预防倒春寒。",
                "发布机构",
                "泠源县农业农村局",
                "发布日期",
                "2024-03-05",
                "信息来源",
                "县农技推广中心",
            ]
        ),
        {"last": "各地要抓好", "not_in_body": "发布机构"},
    ),
    # A table a row a line between two paragraphs: its cells parted by spaces (one holds a space
    # of its own), the section's label over it and the next section's under it.
    (
        media_page(
            "共计2.3万辆！某某汽车召回部分S9车型",
            "泠源车讯",
            "共计2.3万辆！某某汽车召回部分S9车型",
            "2024-03-01 17:33",
            "近日，某某汽车有限公司根据《缺陷汽车产品召回管理条例》的要求，向国家市场监督管理总局备案了召回计划。",
            "召回范围：",
            "车型 生产日期 数量",
            "某某S9 1.5T 2022年9月1日至2023年3月15日 15820辆",
            "某某S9 2.0T 2022年10月8日至2023年3月15日 7336辆",
            "召回原因：",
            "本次召回范围内部分车辆，由于供应商生产过程控制不当，后副车架部分焊点强度不足，极端情况下可能断裂。",
            "某某汽车将通过授权经销商主动与用户联系，安排免费检修事宜，用户也可拨打客服热线咨询。",
        ),
        {"in_body": "车型 生产日期 数量", "last": "某某汽车将通过"},
    ),
    # A table of words a row a line, parted by bars, under the text's colon, and the text going on.
    (
        "\n".join(
            [
                "治安警察局提醒市民清明節期間注意交通安排",
                "澳門特別行政區政府",
                "新聞",
                "治安警察局提醒市民清明節期間注意交通安排",
                "2024-04-02 17:15",
                "清明節將至，為確保交通暢順及公眾安全，治安警察局將於四月四日至四月七日實施以下臨時交通措施：",
                "地點｜措施｜時間",
                "孝思墓園對開路段｜禁止車輛停泊｜上午7時至下午6時",
                "偉龍馬路近墓園入口｜實施單向行車｜上午7時至下午6時",
                "西洋墳場一帶｜加派警員指揮交通｜全日",
                "治安警察局呼籲市民盡量乘搭公共交通工具前往拜祭，並預留充足時間，以免延誤行程。",
                "分享",
                "相關新聞",
            ]
        ),
        {"in_body": "西洋墳場一帶｜加派警員指揮交通｜全日", "last": "治安警察局呼籲"},
    ),
    # (…a sidebar of words under a colon that names none of its header's cells is no table.)
    (
        "\n".join(
            [
                "牢记防骗口诀 守好钱袋子",
                "泠源警方",
                "首页",
                "牢记防骗口诀 守好钱袋子",
                "2024-04-02 17:15",
                "近期电信网络诈骗案件多发，请广大市民牢记以下防骗口诀：",
                "排行｜标题｜浏览",
                "一｜泠源警方破获一起诈骗案｜很多",
                "二｜泠源警方开展反诈宣传｜较多",
                "三｜泠源警方提醒谨防刷单｜一般",
                "网友留言：说得好，转给家里老人看看，大家都要提高警惕。",
            ]
        ),
        {"not_in_body": "排行｜标题｜浏览"},
    ),
    # A paper's dispatch mark (【明報專訊】) names the paper in a first paragraph of no other mark;
    # a Taiwan paper's byline names it before its reporter.
    (
        media_page(
            "研究：逾四成中學生每晚睡眠不足七小時",
            "泠源新聞網",
            "研究：逾四成中學生每晚睡眠不足七小時",
            "2023年11月22日星期三",
            "【明報專訊】一項研究發現，本港逾四成中學生平日每晚睡眠不足七小時，較建議的八至十小時明顯不足。",
            "研究團隊以問卷訪問全港多所中學的學生，發現睡眠不足與使用手機時間長有關。",
        ),
        {"publisher": "明報"},
    ),
    (
        media_page(
            "新竹縣推動校園午餐在地食材",
            "泠源新聞網",
            "新竹縣推動校園午餐在地食材",
            "2024/07/09",
            "台灣新生報／記者彭清河／新竹報導",
            "新竹縣政府推動校園午餐使用在地食材，今年起全縣國中小每週至少三天供應在地蔬菜。",
            "縣府表示，此舉可減少食物運輸里程，也能支持在地農民，讓學生吃得更安心。",
        ),
        {"author": "彭清河", "publisher": "台灣新生報"},
    ),
    # (…a paper's own 本報訊 names the paper whose site it is, by the page title, as before.)
    (
        media_page(
            "華社舉辦中秋聯歡晚會",
            "泠源商報",
            "華社舉辦中秋聯歡晚會",
            "2024/09/15",
            "【本報訊】華社日前舉辦中秋聯歡晚會，數百名僑胞歡聚一堂，共賞明月，氣氛熱烈。",
            "晚會節目精彩紛呈，有舞獅、民族舞蹈及猜燈謎等活動，吸引不少家庭攜孩子參加。",
        ),
        {"publisher": "泠源商報"},
    ),
]


@pytest.mark.parametrize(("page_text", "expected"), CASES)
def test_bureaus_media_and_overseas_pages_come_out(page_text: str, expected: dict[str, Any]) -> None:
    assert_page_comes_out(page_text, expected)
