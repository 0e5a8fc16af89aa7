"""Pages near the edges of the rules of dbbcff5..eb0a7b5, where the twelfth review found them
misfiring (invented pages, written by the review against those rules): what each must come out as.
Each failed at eb0a7b5; dbbcff5 gets each right."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import assert_page_comes_out

PAGES: dict[str, str] = {
    # a new book's notice closing on its author's bio, whom the text names
    "B1_book_notice_bio_is_last_paragraph": """\
新书《江村旧事》首发 讲述一座江南小村的百年变迁_澄州文化网
首页 文化 读书 非遗 展览 视频
当前位置：首页 > 读书
新书《江村旧事》首发 讲述一座江南小村的百年变迁
2024-04-23 10:05　来源：澄州文化网　记者 孟清扬
4月22日，本土作家林默的非虚构作品《江村旧事》在澄州书城举行首发式，百余名读者到场参加。
全书约二十八万字，以作者的家乡江村为对象，通过族谱、口述和地方档案，记录了这座小村从清末到今天的变迁。
作者在分享会上说，写作用了整整六年，其间他走访了村里七十多位老人，“很多故事再不记下来就没有了”。
出版方介绍，该书首印一万册，目前已在全市各大书店和网络平台上架。
作者简介：林默，1975年生于澄州县江村，澄州市作家协会副主席，著有散文集《河埠头》、长篇小说《远水》等。
责任编辑：邱晓
相关阅读
第三届澄州读书月开幕
【打印】【关闭】
""",
    # 资料来源： and an outlet's name alone under a repost: its source's credit
    "B4_data_source_line_is_a_repost_credit": """\
全市一季度居民人均可支配收入增长5.6%_澄州市统计局
澄州市统计局 首页 统计数据 统计分析 政务公开
一季度居民人均可支配收入增长5.6%
发布日期：2024-04-19　浏览次数：312
一季度，全市居民人均可支配收入12863元，同比名义增长5.6%。按常住地分，城镇居民人均可支配收入16027元，增长4.9%；农村居民人均可支配收入7920元，增长6.7%。
从收入来源看，工资性收入、经营净收入、财产净收入和转移净收入均保持增长，其中经营净收入增长较快。
全市居民人均消费支出8214元，同比名义增长7.1%。
资料来源：澄州日报
【打印本页】【关闭窗口】
主办：澄州市统计局　地址：澄州市人民路12号
""",
    # a notice's own instruction to download an app, over its close
    "P1_gov_notice_download_app_get_latest": """\
关于春节期间城区部分道路交通管制的通告_澄州市公安局交通警察支队
首页 警务公开 通知公告 办事指南 互动交流
关于春节期间城区部分道路交通管制的通告
发布时间：2024-02-06 16:00　来源：澄州市公安局交警支队
为保障春节期间城区道路交通安全畅通，根据《中华人民共和国道路交通安全法》有关规定，决定对城区部分道路实施交通管制。
一、管制时间：2024年2月9日18时至2月10日2时。
二、管制路段：人民路（解放路口至江滨路口）、江滨路全段。
三、管制期间，除执行任务的警车、消防车、救护车外，其他车辆禁止通行。
市民可下载“澄州交警”APP，获取最新路况和管制信息。
特此通告。
澄州市公安局交通警察支队
2024年2月6日
""",
    # where a call for entries asks them to be sent
    "P5_essay_contest_notice_submission_address": """\
关于举办“我眼中的澄州”征文活动的通知_澄州市文联
首页 文联动态 通知公告 会员风采 文艺评论
关于举办“我眼中的澄州”征文活动的通知
发布时间：2024-03-01　来源：市文联
为展示澄州发展成就，市文联决定举办“我眼中的澄州”主题征文活动。现将有关事项通知如下：
一、征文对象：全市广大文学爱好者。
二、征文要求：作品须为原创，体裁不限，散文、诗歌字数在3000字以内。
三、投稿方式
来稿请发送至电子邮箱zhengwen@czwl.example.cn，邮件主题注明“征文+作者姓名+联系电话”。
四、截稿时间：2024年5月31日。
澄州市文学艺术界联合会
2024年3月1日
""",
    # a statement reported: …不代表本台立场。 is the news, not the page's disclaimer
    "P7_tv_station_statement_in_news": """\
某电视台回应主持人直播不当言论_澄州新闻网
首页 新闻 娱乐 社会 评论
某电视台回应主持人直播不当言论
2024-09-18 14:20　来源：澄州新闻网
9月17日晚，某电视台一名主持人在直播节目中的不当言论引发网友批评。
18日上午，该台发布声明称，已对相关主持人作停职处理，并表示，该主持人的个人言论不代表本台立场。
声明还称，将进一步加强对直播节目的审核把关，杜绝类似问题再次发生。
编辑：柳岩
""",
    # a column's kicker over a text with sub-headings of another length
    "H1_column_tag_over_first_paragraph_with_subheads": """\
老城区停车难怎么破？_澄州新闻网
首页 新闻 民生 城建 视频
老城区停车难怎么破？
2024-04-10 09:00　来源：澄州新闻网　记者 邹航
民生调查
“每天下班回来，绕小区三圈都找不到一个车位。”家住老城区的市民蒋先生无奈地说。
市民反映强烈
记者走访发现，老城区多个小区建成于上世纪九十年代，规划车位严重不足，路边违停现象普遍。
部门正在行动
市城管局表示，今年将在老城区新增公共停车泊位一千二百个，并推行错时共享停车。
专家给出建议
有专家建议，应充分挖掘机关单位、商场等停车资源，推动夜间向周边居民开放。
责任编辑：何晴
""",
    # the writer's name alone over an essay with short headings
    "H2_essay_author_name_over_text_with_season_heads": """\
老家的四季_澄州文学网
首页 散文 诗歌 小说 评论
老家的四季
2024-03-21
林远山
老家在澄江边的一个小村子，村后是山，村前是田，一年四季，各有各的样子。
春耕
春天一到，父亲就扛着犁下田了。田埂上的野花开得正好，牛走得慢，父亲也不催它。
秋收
秋天是最忙的时候。稻子黄了，全家人都下田割稻，连我们这些孩子也要去拾稻穗。
冬藏
到了冬天，地里的活少了，母亲就把晒干的萝卜、白菜腌起来，一缸一缸地码在墙角。
""",
    # a headline ending in 局 as a word (困局)
    "H3_headline_ends_with_ju_short": """\
车市价格战困局
澄州新闻网
首页 新闻 汽车 财经 科技
车市价格战困局
2024-06-05 15:00　来源：澄州新闻网　记者 孙启航
今年以来，多家车企接连宣布降价，部分车型降幅超过两万元。
业内人士分析，价格战短期内拉动了销量，但也压缩了经销商的利润空间，部分门店已出现亏损。
有经销商坦言，“卖一台亏一台”的情况并不少见，希望行业尽快回归理性竞争。
编辑：贺朝
""",
    # a headline ending as a body's name does (…图书馆), under a column's banner
    "H4_gov_site_title_headline_ends_with_library": """\
澄州市人民政府
首页 政务公开 政务服务 互动交流 走进澄州
文化澄州
探访澄州最美乡村图书馆
发布时间：2024-04-23 09:30　来源：澄州日报
在澄州县白石镇竹溪村，一座白墙黛瓦的小楼格外引人注目，这就是今年新建成的竹溪村图书馆。
图书馆藏书一万余册，配有电子阅览室和儿童阅读区，每天开放到晚上九点。
村民们说，以前看书要跑到县城，现在家门口就能读书，孩子们放学后都爱来这里写作业。
【打印】【关闭】
""",
    # a hospital's phone directory in its footer under a news item
    "N1_hospital_news_footer_phone_directory": """\
我院开展“世界高血压日”义诊活动_澄州市第一人民医院
首页 医院概况 科室导航 专家介绍 新闻动态 健康科普
我院开展“世界高血压日”义诊活动
发布时间：2024-05-17 16:20　作者：宣传科 龙悦
5月17日是第20个“世界高血压日”。当天上午，我院心内科、内分泌科、营养科的专家在门诊大厅开展义诊活动。
专家们为群众免费测量血压、血糖，讲解高血压的预防和用药知识，共服务群众三百余人次。
心内科主任提醒，高血压早期往往没有明显症状，成年人应定期测量血压。
咨询电话
门诊部 0739-8123456
体检中心 0739-8123457
急诊科 0739-8123120
版权所有：澄州市第一人民医院　湘ICP备12345678号
""",
    # a traffic notice's table whose first time is 00:00
    "N4_schedule_table_with_midnight_cell": """\
关于澄州马拉松赛期间道路交通管制的通告_澄州交警
首页 警务公开 通知公告 办事指南
关于澄州马拉松赛期间道路交通管制的通告
发布时间：2024-11-01 10:00　来源：市公安局交警支队
2024澄州马拉松赛将于11月10日举行。为保障赛事顺利进行，决定对部分道路实施交通管制，管制路段及时间如下：
路段
开始时间
结束时间
滨江大道
00:00
12:00
人民路
05:30
11:30
湖滨路
06:00
13:00
管制期间，请广大驾驶人提前规划出行路线，服从现场交通民警指挥。
特此通告。
澄州市公安局交通警察支队
2024年11月1日
""",
    # a prize ticker's masked winners and readers' comments under a report
    "N9_sidebar_winners_table_no_heading_then_comments": """\
消费季抽奖活动火热进行 已送出奖品超五万份_澄州新闻网
首页 新闻 财经 消费 生活
消费季抽奖活动火热进行 已送出奖品超五万份
2024-10-12 14:00　来源：澄州新闻网　记者 秦晓
澄州消费季抽奖活动自9月启动以来，已累计送出奖品五万余份，奖品总金额超过三百万元。
市民在活动商户消费满一百元即可参与抽奖，奖品包括消费券、话费券和家电优惠券等，中奖用户可在个人账户查看。
主办方表示，活动将持续到11月底，奖品金额会随参与人数增加而提高。
用户
奖品
金额（元）
138****2541
消费券
50
159****0817
话费券
30
186****3390
家电优惠券
200
已经中了两次五十元消费券，在超市买菜直接抵扣，挺方便的，给主办方点个赞。
希望活动能延长到春节，年货也能用上消费券，这样老百姓能得到更多实惠。
Copyright © 澄州新闻网 All Rights Reserved
""",
    # 签名： explaining a form's field
    "F1_form_filling_guide_signature_line": """\
不动产登记申请表填写说明_澄州市自然资源和规划局
首页 政务公开 办事服务 政策解读 互动交流
不动产登记申请表填写说明
发布时间：2024-06-20　来源：市不动产登记中心
为方便群众办事，现将不动产登记申请表的填写要求说明如下：
申请人：填写权利人的姓名或名称，与身份证明材料一致。
不动产坐落：填写不动产所在的具体位置，与权属证书记载一致。
签名：由申请人本人用黑色签字笔签署姓名，单位申请的须加盖公章。
填写有误的，请重新领取申请表填写，不得涂改。
""",
    # 09/08/2024 over （新山8日讯）: a morning post of the evening's news, either way
    "D1_malaysia_next_morning_dateline_yesterday": """\
新山大道连环车祸 3人受伤_南洋晨报
首页 国内 新山 国际 财经 体育
新山大道连环车祸 3人受伤
发布: 09/08/2024 上午6:00
（新山8日讯）新山大道今日傍晚发生一起四车连环相撞事故，造成3人受伤，交通一度严重堵塞。
警方表示，事发时一辆罗里疑似刹车失灵，撞上前方等待交通灯的车辆，引发连环相撞。
伤者已被送往苏丹后阿米娜医院治疗，情况稳定。
相关新闻
新山交通灯故障 多路段塞车
""",
    # a course's 上課日期：07/15/2024 on a page that prints no date of its own
    "D3_hk_notice_deadline_slash_in_body_no_header_date": """\
海旁社區中心 暑期興趣班招生_海旁社區中心
首頁 中心簡介 活動消息 會員服務 聯絡我們
暑期興趣班招生
本中心暑期興趣班現正接受報名，課程包括書法、國畫、兒童英語及太極。
上課日期：07/15/2024起，逢星期一及星期三
截止日期：07/10/2024
名額有限，先到先得，報名請親臨本中心接待處。
查詢電話：2345 6789
© 海旁社區中心
""",
    # a school office over 管理员 and 发表于 on a CMS
    "A1_school_cms_department_over_admin_rank": """\
我校举行2024年春季运动会_澄州市第一中学
首页 学校概况 校园新闻 教学科研 招生信息
我校举行2024年春季运动会
教务处
管理员
发表于 2024-04-19 16:40:12
4月18日至19日，我校2024年春季运动会在学校田径场举行，全校两千余名师生参加。
本届运动会共设田径项目二十个，经过两天的激烈角逐，高二（3）班获得团体总分第一名。
校长在闭幕式上表示，希望同学们把运动会上拼搏进取的精神带到学习中去。
""",
}

EXPECTED: dict[str, dict[str, Any]] = {
    "B1_book_notice_bio_is_last_paragraph": {"last": "作者简介：林默"},
    "B4_data_source_line_is_a_repost_credit": {"publisher": "澄州日报", "not_in_body": "资料来源"},
    "P1_gov_notice_download_app_get_latest": {"in_body": "APP", "last": "2024年2月6日"},
    "P5_essay_contest_notice_submission_address": {"in_body": "来稿请发送至", "last": "2024年3月1日"},
    "P7_tv_station_statement_in_news": {"last": "声明还称"},
    "H1_column_tag_over_first_paragraph_with_subheads": {"first": "“每天下班回来"},
    "H2_essay_author_name_over_text_with_season_heads": {"first": "老家在澄江边"},
    "H3_headline_ends_with_ju_short": {"title": "车市价格战困局"},
    "H4_gov_site_title_headline_ends_with_library": {"title": "探访澄州最美乡村图书馆", "author": None},
    "N1_hospital_news_footer_phone_directory": {"last": "心内科主任提醒"},
    "N4_schedule_table_with_midnight_cell": {"in_body": "00:00", "last": "2024年11月1日"},
    "N9_sidebar_winners_table_no_heading_then_comments": {"last": "主办方表示"},
    "F1_form_filling_guide_signature_line": {"in_body": "签名：由申请人", "last": "填写有误的"},
    "D1_malaysia_next_morning_dateline_yesterday": {"date": None},
    "D3_hk_notice_deadline_slash_in_body_no_header_date": {"date": None},
    "A1_school_cms_department_over_admin_rank": {"author": None},
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_a_page_near_a_rules_edge_comes_out_right(name: str) -> None:
    assert_page_comes_out(PAGES[name], EXPECTED[name])
