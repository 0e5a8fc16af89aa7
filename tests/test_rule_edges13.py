"""Pages near the edges of the rules of afe10c8..da6226e, where the thirteenth review found them
misfiring (invented pages, written by the review against those rules): what each must come out as.
Each failed at da6226e; afe10c8 gets each right."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import assert_page_comes_out

PAGES: dict[str, str] = {
    # a self-media account named by its beat, 楼市观察员
    "A1_selfmedia_author_ends_with_guanchayuan": """\
澄州房价连跌八个月，刚需该出手了吗？
首页 推荐 财经 房产 汽车
澄州房价连跌八个月，刚需该出手了吗？
作者：楼市观察员
2024-06-18 20:15
国家统计局最新数据显示，5月澄州新建商品住宅价格环比下降0.6%，已是连续第八个月下跌。
二手房方面，挂牌量持续增加，不少业主主动降价出售，部分老小区的成交价已回到2017年的水平。
对于刚需购房者来说，现在确实是议价空间较大的时期，但也要量力而行，不要盲目抄底。
我的建议是：先看工作和收入是否稳定，再看首付和月供能否承受，最后再挑区域和楼盘。
免责声明：本文仅代表作者个人观点，不构成投资建议。
评论 36
""",
    # an account named for its trade and a nickname, 快递员老周
    "A23_selfmedia_account_courier_post_glued_name": """\
送了五年快递，我总结出这些经验_澄州头条
澄州头条 首页 推荐 职场 本地
送了五年快递，我总结出这些经验
作者：快递员老周
2024-10-08 21:30
我是在2019年开始送快递的，到现在整整五年了。
刚开始的时候，一天只能送一百来件，还经常送错地址，被客户投诉。
后来我摸索出一套办法：早上分拣时按楼栋排好顺序，路线固定下来，一天能送三百多件。
干这行最重要的是守时和耐心，客户的信任是一点点攒出来的。
评论 213
""",
    # a blogger's account ending in 气象
    "A7_selfmedia_weather_blogger_ends_with_qixiang": """\
今年冬天会是冷冬吗？听听老冷怎么说_澄州头条
首页 推荐 本地 天气
今年冬天会是冷冬吗？听听老冷怎么说
作者：老冷聊气象
2024-10-30 21:05
最近后台很多朋友问我：今年冬天到底冷不冷？
从目前的海温监测看，赤道中东太平洋已进入拉尼娜状态，历史上拉尼娜年我国冬季气温偏低的概率较大。
不过，冷冬不等于每天都冷，冬季中间也可能出现阶段性的偏暖。
我的建议是，厚衣服早点备好，但也不用过度担心。
评论 128
""",
    # a person's account ending in 交警 over the post's date
    "A22_selfmedia_account_over_date_ends_with_jiaojing": """\
开车遇到这种标线千万别压，一压就扣分_澄州头条
澄州头条 首页 推荐 汽车 本地
开车遇到这种标线千万别压，一压就扣分
老司机小交警
2024-11-11 12:00
很多新手司机分不清路面上的各种标线，一不小心就被扣分罚款。
今天就来说说最容易被忽略的导流线，它通常画在路口和匝道附近，是白色的斜纹区域。
导流线属于禁止标线，车辆不能压线行驶，更不能在上面停车。
记住这一条，就能少吃一次罚单。
评论 86
""",
    # an essay's closing （甲辰·立秋）, when it was written
    "A8_poem_closing_bracket_season_dotted": """\
秋日登城楼_澄州文学网
澄州文学网 首页 小说 散文 诗歌 评论
秋日登城楼
2024-09-10 20:00　来源：澄州文学网
登楼远望，江水从城下流过，一直流到天边的云里。
城墙上的砖缝里长出了野草，风一吹，像是在和我打招呼。
我想起少年时第一次登上这座城楼，那时候觉得天很高，路很长。
如今再登城楼，天还是那样高，路却已经走了一大半。
（甲辰·立秋）
上一篇：江边的芦苇
下一篇：故乡的老井
""",
    # a sidebar's 推荐关注 card over the headline
    "A14_sidebar_card_recommended_account_over_headline": """\
一碗牛肉粉的三十年_澄州美食
澄州美食 首页 美食 探店 菜谱
推荐关注
老街食客
关注
一碗牛肉粉的三十年
2024-04-14 11:20
文｜林小满
早上六点，城北菜市场旁的老周牛肉粉已经排起了长队。
老周今年六十二岁，这碗牛肉粉他煮了整整三十年，汤底是每天凌晨三点起来熬的。
“粉要现烫，汤要滚开，牛肉要切得薄。”老周说，这是他守了三十年的规矩。
如今，老周的儿子也开始在店里帮忙，学着熬汤、切肉。
评论 58
""",
    # 来源：凤凰网·广东, an outlet's regional edition
    "A19_source_outlet_with_regional_channel": """\
广州塔下的“城市微光”摄影展开幕_凤凰网
凤凰网 首页 资讯 财经 广东
广州塔下的“城市微光”摄影展开幕
2024-10-10 15:20　来源：凤凰网·广东　作者：程曦
10月9日，“城市微光”摄影展在广州塔下的海心沙广场开幕，展出作品两百余幅。
作品的作者既有专业摄影师，也有外卖骑手、环卫工人等普通劳动者。
主办方表示，希望通过这些照片，让更多人看见城市里的普通人。
展览将持续至11月10日，市民可免费参观。
""",
    # a byline with the column's note in brackets after it
    "A24_byline_with_bracketed_personal_view": """\
县域商业的新机会_澄州财经
澄州财经 首页 宏观 产经 专栏
县域商业的新机会
2024-08-30 09:00
文/邹远帆（作者个人观点，不代表本网立场）
县城消费正在经历一轮新的升级，连锁品牌加速下沉，本地商家也在积极转型。
对于创业者而言，县域市场的竞争没有大城市激烈，房租和人工成本也更低。
但县域消费者更看重口碑和熟人关系，经营者需要更多耐心。
编辑：林深
""",
    # an editor whose name ends in 科
    "E1_editor_name_ends_with_ke_uncommon_surname": """\
我市举办第十届中小学生运动会_澄州教育网
澄州教育网 首页 教育要闻 基层动态 通知公告
我市举办第十届中小学生运动会
发布时间：2024-10-16 16:30　来源：市教育局
10月15日，澄州市第十届中小学生运动会在市体育中心开幕，来自全市的56支代表队、2000余名运动员参赛。
本届运动会设田径、游泳、篮球、足球等8个大项，比赛将持续5天。
开幕式上，学生们还表演了武术、啦啦操等精彩节目。
责任编辑：聂文科 杨帆
【打印】【关闭】
""",
    # a notice's sentence ending in 点击查看>>
    "T3_school_notice_click_to_view_link_in_text": """\
关于公布2024年秋季学期城区小学学位安排的通知_澄州市教育局
首页 教育要闻 通知公告 政策文件 办事指南
关于公布2024年秋季学期城区小学学位安排的通知
发布时间：2024-06-28 17:00　来源：基础教育科
各有关学校、广大家长：
根据全市义务教育招生工作安排，现将2024年秋季学期城区公办小学学位安排予以公布。
各校招生范围及学位数见附件，学位安排详表请点击查看>>
请家长于7月5日至7月10日登录“澄州教育”平台完成网上报名。
咨询电话：0736-7223305
澄州市教育局
2024年6月28日
""",
    # a regulator quoting an ad's price line
    "T4_consumer_warning_transcribes_ad_price_button": """\
警惕“9.9元抢购”低价引流陷阱_澄州市市场监督管理局
首页 工作动态 消费警示 政务公开
警惕“9.9元抢购”低价引流陷阱
发布时间：2024-03-14 10:00　来源：消费者权益保护科
近期，我局接到多起消费者投诉，反映在短视频平台被“超低价”广告吸引，下单后遭遇货不对板、退款难等问题。
涉事广告页面通常这样显示：
原价¥399 现价¥9.9 立即购买
点进去后，页面往往要求消费者先支付定金或者添加客服私人微信，随后以“库存不足”“需升级会员”等理由诱导加价。
市市场监管局提醒，消费者网购时要选择正规平台，不要轻信超低价广告，不要脱离平台私下转账。
【打印】【关闭】
""",
    # a hospital notice's 预约方式｜…点击预约挂号
    "T1b_hospital_notice_pipe_line_between_paragraphs": """\
关于开通夜间门诊的通知_澄州市人民医院
首页 医院概况 新闻动态 就医指南 科室导航
关于开通夜间门诊的通知
发布时间：2024-09-01 08:00　来源：医务部
为方便上班族和学生就医，自2024年9月2日起，我院开通夜间门诊，开诊时间为每周一至周五18:00至21:00。
夜间门诊开设内科、外科、儿科、妇科四个科室，由主治医师以上职称的医生坐诊。
预约方式｜关注“澄州市人民医院”微信公众号，进入“智慧医院”菜单，点击预约挂号
夜间门诊挂号费、诊查费与日间门诊相同，医保患者可正常刷卡结算。
特此通知。
澄州市人民医院
2024年8月30日
""",
    # an archives' call's 【征集照片】 heading
    "T7_archives_call_old_photos_bracket_heading": """\
关于征集澄州城市记忆老照片的公告_澄州市档案馆
首页 馆务动态 通知公告 档案利用 档案文化
关于征集澄州城市记忆老照片的公告
发布时间：2024-04-08 09:00
为抢救和保护城市记忆，丰富馆藏档案，市档案馆面向社会公开征集反映澄州城市变迁的老照片。现将有关事项公告如下：
【征集范围】
1990年以前反映澄州城市面貌、重大事件、民俗风情和百姓生活的照片。
【征集照片】
原件、翻拍件均可，请注明拍摄时间、地点和内容。
【征集方式】
捐赠者可将照片送至市档案馆一楼接待室，或发送电子版至dangan@cz.example.cn。
联系电话：0736-7222610
澄州市档案馆
2024年4月8日
""",
    # a report's deck line 市委书记寄语全体青年：
    "T10b_kicker_line_right_over_first_paragraph_like_salutation": """\
青春由磨砺而出彩_澄州日报
首页 要闻 时政 青年 评论
青春由磨砺而出彩
2024-05-04 08:00　来源：澄州日报　记者 苗青
市委书记寄语全体青年：
5月3日，市委书记在市青年创新创业大会上寄语全市青年，希望大家在服务家乡发展中建功立业。
他说，青年是城市的未来和希望。澄州的发展需要青年人的智慧和力量，也将为青年人施展才华提供更加广阔的舞台。
会上，20名优秀青年创业者代表受到表彰。
责任编辑：柯蓝
""",
    # a post's time under its day, over a text with a schedule
    "T13_wechat_post_time_clock_over_text_with_schedule": """\
关于举办第三届澄州读书节的通知
澄州市图书馆
2024-04-20
09:30
4月23日是世界读书日，我馆将举办第三届澄州读书节，欢迎广大读者参加。当天活动安排如下：
09:00
开幕式暨阅读推广大使聘任仪式
10:00
作家林默新书分享会
14:30
亲子绘本共读
活动地点：澄州市图书馆一楼报告厅。名额有限，请提前通过图书馆微信公众号预约。
阅读 2046
""",
    # a bureau's CMS release line under its news report
    "T16_news_report_footer_org_and_publish_hour": """\
我市开展防汛应急综合演练_澄州市应急管理局
首页 工作动态 应急科普 政务公开
我市开展防汛应急综合演练
6月5日，我市在澄江右岸开展2024年防汛应急综合演练，消防、武警、民兵和社会救援力量共600余人参加。
演练模拟了持续强降雨导致江水暴涨、堤防出现管涌险情的场景，检验了各救援队伍的快速响应和协同处置能力。
市应急管理局负责人表示，将以此次演练为契机，进一步完善防汛应急预案，全力保障汛期安全。
澄州市应急管理局
2024年6月5日18时发布
【打印】【关闭】
主办：澄州市应急管理局
""",
    # a regulator's own 风险提示
    "T17_financial_regulator_risk_notice_text": """\
关于防范“保本高收益”非法集资的风险提示_澄州金融监管分局
首页 监管动态 风险提示 政务公开
关于防范“保本高收益”非法集资的风险提示
发布时间：2024-05-15 10:30
近期，一些不法分子打着“养老投资”“数字藏品”等旗号，以“保本高收益”为诱饵，向老年群体非法吸收资金。
风险提示：凡是承诺“保本高收益”的投资均不受法律保护，参与非法集资活动造成的损失由参与人自行承担，风险自担。
请广大群众提高警惕，发现可疑情况及时向当地公安机关或金融监管部门报告。
澄州金融监管分局
2024年5月15日
""",
    # a securities regulator's own 风险提示
    "T23_securities_regulator_investor_notice_risk_line": """\
警惕“荐股软件”骗局_澄州证监局
首页 监管动态 投资者教育 政务公开
警惕“荐股软件”骗局
发布时间：2024-06-19 17:20　来源：投资者保护处
近期，我局接到投资者反映，有不法分子通过短信、社交群组推销所谓“内部荐股软件”，声称“稳赚不赔、月收益30%”，诱导投资者缴纳高额会员费。
风险提示：任何机构和个人通过软件推荐股票所作的收益承诺均不构成对投资者的保证，投资者据此买卖造成损失的，风险自担。
投资者应通过具有证券投资咨询业务资格的机构获取投资建议，发现可疑情况及时向公安机关报案。
澄州证监局
2024年6月19日
""",
    # a report of a paper's apology: …系作者个人观点，不代表本报立场
    "T18_news_quotes_paper_statement_personal_view": """\
某报专栏文章引争议 报社致歉_澄州新闻网
澄州新闻网 首页 时政 社会 传媒
某报专栏文章引争议 报社致歉
2024-09-06 15:30　来源：澄州新闻网　记者 邵晨
9月4日，某报副刊刊发的一篇专栏文章因涉及对外卖骑手的不当评价，在网上引发争议。
9月5日，该报编辑部发布致歉声明称，涉事文章系作者个人观点，不代表本报立场，报社已对相关编辑作出处理。
不少网友表示，媒体应当加强审核把关，尊重每一位普通劳动者。
业内人士认为，专栏作者享有表达的空间，但媒体对刊发的内容同样负有责任。
责任编辑：方圆
""",
    # a glossary's entry 编辑导语：
    "T19_glossary_editor_lead_definition_line": """\
新闻编辑常用术语解释_澄州新闻学院
首页 学院概况 教学科研 学生工作 资料下载
新闻编辑常用术语解释
发布时间：2024-03-20
为帮助新入职编辑熟悉业务，现将报纸编辑中常用的几个术语整理如下。
编者按：编辑部对稿件所作的说明、评论或提示，一般置于稿件之前，篇幅短小。
编辑导语：网络媒体编辑在正文前撰写的简要导读，用来概括文章要点，吸引读者继续阅读。
标题：稿件的题目，包括引题、主题和副题。
以上术语的解释仅供参考，具体以行业规范为准。
""",
    # a book report's bracketed bio of the author the text names
    "T21_book_notice_bracketed_author_bio_is_text": """\
长篇小说《远水》研讨会在澄州举行_澄州文化网
澄州文化网 首页 文化 读书 非遗 展览
长篇小说《远水》研讨会在澄州举行
2024-10-12 11:00　来源：澄州文化网　记者 孟清扬
10月11日，长篇小说《远水》作品研讨会在澄州举行，来自省内外的二十余位评论家参加研讨。
与会专家认为，《远水》以一个江南水乡家族三代人的命运为线索，写出了时代变迁中普通人的坚守与选择。
（作者简介：林默，澄州市作家协会副主席，著有散文集《河埠头》、长篇小说《远水》等。）
责任编辑：邱晓
""",
}

EXPECTED: dict[str, dict[str, Any]] = {
    "A1_selfmedia_author_ends_with_guanchayuan": {"author": "楼市观察员"},
    "A23_selfmedia_account_courier_post_glued_name": {"author": "快递员老周"},
    "A7_selfmedia_weather_blogger_ends_with_qixiang": {"author": "老冷聊气象"},
    "A22_selfmedia_account_over_date_ends_with_jiaojing": {"author": "老司机小交警"},
    "A8_poem_closing_bracket_season_dotted": {"author": None},
    "A14_sidebar_card_recommended_account_over_headline": {"publisher": None},
    "A19_source_outlet_with_regional_channel": {"publisher": "凤凰网·广东"},
    "A24_byline_with_bracketed_personal_view": {"author": "邹远帆"},
    "E1_editor_name_ends_with_ke_uncommon_surname": {"editors": ["聂文科", "杨帆"]},
    "T3_school_notice_click_to_view_link_in_text": {"in_body": "点击查看>>"},
    "T4_consumer_warning_transcribes_ad_price_button": {"in_body": "原价¥399"},
    "T1b_hospital_notice_pipe_line_between_paragraphs": {"in_body": "预约方式"},
    "T7_archives_call_old_photos_bracket_heading": {"in_body": "【征集照片】"},
    "T10b_kicker_line_right_over_first_paragraph_like_salutation": {"not_in_body": "寄语全体青年"},
    "T13_wechat_post_time_clock_over_text_with_schedule": {"not_first": "09:30"},
    "T16_news_report_footer_org_and_publish_hour": {"not_in_body": "18时发布"},
    "T17_financial_regulator_risk_notice_text": {"in_body": "风险提示："},
    "T23_securities_regulator_investor_notice_risk_line": {"in_body": "风险提示："},
    "T18_news_quotes_paper_statement_personal_view": {"in_body": "致歉声明称"},
    "T19_glossary_editor_lead_definition_line": {"in_body": "编辑导语："},
    "T21_book_notice_bracketed_author_bio_is_text": {"in_body": "作者简介：林默"},
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_a_page_near_a_rules_edge_comes_out_right(name: str) -> None:
    assert_page_comes_out(PAGES[name], EXPECTED[name])
