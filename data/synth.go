package data

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
)

// synthSubject is one kind of business a community service room handles,
// with the actions a guide can be about and the words people search by.
type synthSubject struct {
	name     string   // 居住证
	category string   // 户籍与居住
	acts     []string // 申领, 补领 …
	prefixes []string // optional population or scope: 城市, 农村 …
	keywords []string // other names: 低保 …
	basis    string   // 政策依据
	who      string   // who may apply
	result   string   // 办理结果
	dept     string   // the upper department of §三5 上报办理
	window   int      // index of the lead window in synthWindows
	material []string // materials specific to the subject
	benefit  bool     // a benefit: household survey and public notice before approval
}

// synthWindows are the windows synthetic items are handled at. AddSynthItems
// creates those missing.
var synthWindows = []Window{
	{Code: "SYN1", Name: "综合受理窗口（示例）", Duties: "户籍居住、证明开具、综合咨询（合成数据）"},
	{Code: "SYN2", Name: "社会救助窗口（示例）", Duties: "低保、特困、临时救助、医疗救助（合成数据）"},
	{Code: "SYN3", Name: "社会保障窗口（示例）", Duties: "城乡居民医保、养老保险、就业失业登记（合成数据）"},
	{Code: "SYN4", Name: "老龄残联窗口（示例）", Duties: "高龄津贴、老年人优待、残疾人服务（合成数据）"},
	{Code: "SYN5", Name: "优抚计生窗口（示例）", Duties: "退役军人服务、生育登记、计生奖扶（合成数据）"},
	{Code: "SYN6", Name: "法律住房窗口（示例）", Duties: "法律援助、人民调解、住房保障（合成数据）"},
}

// SynthWindows returns the windows that synthetic items name as lead and
// joint windows (codes SYN1 … SYN6).
func SynthWindows() []Window { return append([]Window(nil), synthWindows...) }

var synthSubjects = []synthSubject{
	{name: "居住证", category: "户籍与居住", acts: []string{"申领", "签注", "补领", "换领", "信息变更", "注销"},
		keywords: []string{"居住登记", "暂住证"}, basis: "《居住证暂行条例》（国务院令第663号）",
		who:    "离开常住户口所在地、在本区居住半年以上，并有合法稳定就业、合法稳定住所或连续就读之一的公民",
		result: "居住证卡片", dept: "区公安分局", window: 0, material: []string{"居住登记凭证", "房屋租赁合同或房产证明"}},
	{name: "居住证明", category: "户籍与居住", acts: []string{"开具", "补开", "核实"}, keywords: []string{"住址证明", "居住情况证明"},
		basis: "《中华人民共和国城市居民委员会组织法》", who: "在本社区实际居住的居民",
		result: "居住证明（加盖社区印章）", dept: "街道办事处", window: 0, material: []string{"房屋租赁合同或房产证明"}},
	{name: "户口迁移", category: "户籍与居住", acts: []string{"咨询", "材料预审", "证明开具"}, prefixes: []string{"", "投靠", "购房", "人才"},
		keywords: []string{"迁户口", "落户"}, basis: "《中华人民共和国户口登记条例》",
		who: "符合本市落户政策的居民", result: "户口迁移材料预审意见", dept: "区公安分局", window: 0,
		material: []string{"结婚证或亲属关系证明"}},
	{name: "最低生活保障", category: "社会救助", acts: []string{"申请", "资格认定", "年度复核", "停发", "家庭成员变更"},
		prefixes: []string{"", "城市", "农村"}, keywords: []string{"低保", "低保金"}, basis: "《社会救助暂行办法》（国务院令第649号）",
		who:    "共同生活的家庭成员人均收入低于当地最低生活保障标准且符合家庭财产状况规定的家庭",
		result: "最低生活保障金按月发放", dept: "区民政局", window: 1, material: []string{"家庭收入证明", "家庭财产申报表"}, benefit: true},
	{name: "特困人员救助供养", category: "社会救助", acts: []string{"申请", "资格认定", "年度复核", "终止"},
		prefixes: []string{"", "城市", "农村"}, keywords: []string{"五保", "特困供养"}, basis: "《社会救助暂行办法》（国务院令第649号）",
		who:    "无劳动能力、无生活来源且无法定赡养抚养扶养义务人或其无履行能力的老年人、残疾人和未成年人",
		result: "特困人员救助供养金", dept: "区民政局", window: 1, material: []string{"家庭收入证明"}, benefit: true},
	{name: "临时救助", category: "社会救助", acts: []string{"申请", "审核", "急难型先行救助"}, keywords: []string{"急难救助", "救急"},
		basis: "《社会救助暂行办法》（国务院令第649号）", who: "因火灾、交通事故等意外事件或突发重大疾病导致基本生活暂时出现严重困难的家庭或个人",
		result: "临时救助金一次性发放", dept: "区民政局", window: 1, material: []string{"困难情况说明及相关证明"}, benefit: true},
	{name: "医疗救助", category: "社会救助", acts: []string{"申请", "费用报销", "资格审核"}, keywords: []string{"大病救助", "看病救助"},
		basis: "《社会救助暂行办法》（国务院令第649号）", who: "低保对象、特困人员及因病致贫的困难家庭成员",
		result: "医疗救助金", dept: "区医疗保障局", window: 1, material: []string{"医疗费用票据", "出院小结"}, benefit: true},
	{name: "孤儿基本生活保障", category: "社会救助", acts: []string{"申请", "年度复核", "终止"}, keywords: []string{"孤儿", "事实无人抚养儿童"},
		basis: "《国务院办公厅关于加强孤儿保障工作的意见》", who: "失去父母或父母查找不到的未满18周岁未成年人及事实无人抚养儿童",
		result: "基本生活费按月发放", dept: "区民政局", window: 1, material: []string{"父母死亡或失踪证明"}, benefit: true},
	{name: "高龄津贴", category: "养老服务", acts: []string{"申请", "资格认证", "发放信息变更", "停发"}, prefixes: []string{"", "80周岁以上", "百岁老人"},
		keywords: []string{"高龄补贴", "长寿津贴"}, basis: "《中华人民共和国老年人权益保障法》及本市高龄津贴发放办法（示例）",
		who: "具有本区户籍、年满80周岁的老年人", result: "高龄津贴按月发放", dept: "区民政局", window: 3},
	{name: "老年人优待证", category: "养老服务", acts: []string{"申领", "补办", "换领"}, keywords: []string{"老年证", "敬老卡"},
		basis: "《中华人民共和国老年人权益保障法》", who: "年满60周岁的本区户籍老年人和常住老年人",
		result: "老年人优待证", dept: "区民政局", window: 3, material: []string{"近期一寸免冠彩色照片"}},
	{name: "居家养老服务补贴", category: "养老服务", acts: []string{"申请", "评估", "变更", "终止"}, keywords: []string{"养老补贴", "居家养老"},
		basis: "《中华人民共和国老年人权益保障法》", who: "经评估失能、半失能的低收入老年人",
		result: "居家养老服务补贴（服务券）", dept: "区民政局", window: 3, benefit: true},
	{name: "老年人意外伤害保险", category: "养老服务", acts: []string{"投保登记", "理赔咨询"}, keywords: []string{"老年人保险", "意外险"},
		basis: "《中华人民共和国老年人权益保障法》", who: "年满60周岁的本区户籍老年人",
		result: "保险凭证", dept: "区民政局", window: 3},
	{name: "残疾人证", category: "残疾人服务", acts: []string{"申领", "换领", "补办", "等级变更", "迁移", "注销"},
		keywords: []string{"残疾证", "残联"}, basis: "《中华人民共和国残疾人保障法》《中国残疾人证管理办法》",
		who: "符合残疾标准的本区户籍居民", result: "中华人民共和国残疾人证", dept: "区残疾人联合会", window: 3,
		material: []string{"近期二寸免冠彩色照片", "残疾评定表"}},
	{name: "困难残疾人生活补贴", category: "残疾人服务", acts: []string{"申请", "资格复核", "停发"}, keywords: []string{"两项补贴", "生活补贴"},
		basis: "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》", who: "低保家庭中的残疾人",
		result: "生活补贴按月发放", dept: "区残疾人联合会", window: 3, material: []string{"残疾人证"}, benefit: true},
	{name: "重度残疾人护理补贴", category: "残疾人服务", acts: []string{"申请", "资格复核", "停发"}, keywords: []string{"两项补贴", "护理补贴"},
		basis: "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》", who: "残疾等级为一级、二级且需要长期照护的重度残疾人",
		result: "护理补贴按月发放", dept: "区残疾人联合会", window: 3, material: []string{"残疾人证"}, benefit: true},
	{name: "残疾人辅助器具适配", category: "残疾人服务", acts: []string{"申请", "评估"}, keywords: []string{"辅具", "轮椅"},
		basis: "《中华人民共和国残疾人保障法》", who: "持有残疾人证并有辅助器具需求的残疾人",
		result: "辅助器具适配", dept: "区残疾人联合会", window: 3, material: []string{"残疾人证"}},
	{name: "城乡居民基本医疗保险", category: "医疗保障", acts: []string{"参保登记", "缴费", "信息变更", "关系转移", "停保", "异地就医备案"},
		keywords: []string{"医保", "居民医保", "合作医疗"}, basis: "《中华人民共和国社会保险法》",
		who: "不属于职工基本医疗保险覆盖范围的本区户籍居民和持居住证的常住居民", result: "参保登记回执", dept: "区医疗保障局", window: 2},
	{name: "医保门诊慢特病", category: "医疗保障", acts: []string{"待遇申请", "资格认定", "备案变更"}, keywords: []string{"慢性病", "慢病卡", "医保"},
		basis: "《中华人民共和国社会保险法》", who: "患有规定门诊慢性病、特殊疾病的参保人员",
		result: "门诊慢特病待遇资格", dept: "区医疗保障局", window: 2, material: []string{"病历及诊断证明"}},
	{name: "城乡居民基本养老保险", category: "社会保险", acts: []string{"参保登记", "缴费", "待遇领取", "资格认证", "关系转移", "注销登记"},
		keywords: []string{"养老保险", "居民养老", "新农保"}, basis: "《国务院关于建立统一的城乡居民基本养老保险制度的意见》",
		who: "年满16周岁（不含在校学生）、不属于职工基本养老保险覆盖范围的城乡居民", result: "参保登记回执或待遇核定表",
		dept: "区人力资源和社会保障局", window: 2},
	{name: "灵活就业人员社会保险", category: "社会保险", acts: []string{"参保登记", "缴费基数申报", "停保"}, keywords: []string{"社保", "灵活就业"},
		basis: "《中华人民共和国社会保险法》", who: "无雇工的个体工商户、未在用人单位参加社会保险的非全日制从业人员等灵活就业人员",
		result: "参保登记回执", dept: "区人力资源和社会保障局", window: 2},
	{name: "社会保障卡", category: "社会保险", acts: []string{"申领", "补换", "挂失", "信息变更"}, keywords: []string{"社保卡"},
		basis: "《社会保障卡管理办法》", who: "参加社会保险的人员", result: "社会保障卡", dept: "区人力资源和社会保障局", window: 2,
		material: []string{"近期一寸免冠彩色照片"}},
	{name: "就业登记", category: "就业创业", acts: []string{"办理", "变更", "注销"}, keywords: []string{"就业", "用工登记"},
		basis: "《就业服务与就业管理规定》", who: "在法定劳动年龄内已实现就业的劳动者", result: "就业登记信息",
		dept: "区人力资源和社会保障局", window: 2, material: []string{"劳动合同"}},
	{name: "失业登记", category: "就业创业", acts: []string{"办理", "变更", "注销"}, keywords: []string{"失业", "失业证"},
		basis: "《就业服务与就业管理规定》《失业保险条例》", who: "法定劳动年龄内、有劳动能力和就业要求、处于失业状态的本区常住人员",
		result: "就业创业证（失业登记）", dept: "区人力资源和社会保障局", window: 2},
	{name: "就业困难人员", category: "就业创业", acts: []string{"认定", "援助申请", "社保补贴申请"}, keywords: []string{"就业援助", "困难人员"},
		basis: "《中华人民共和国就业促进法》", who: "因身体状况、技能水平、家庭因素、失去土地等原因难以实现就业的人员",
		result: "就业困难人员认定结果", dept: "区人力资源和社会保障局", window: 2, benefit: true},
	{name: "创业担保贷款", category: "就业创业", acts: []string{"申请", "贴息申请"}, keywords: []string{"创业贷款", "小额贷款"},
		basis: "《创业担保贷款财政贴息资金管理办法》", who: "符合条件的城镇登记失业人员、高校毕业生、退役军人等创业人员",
		result: "创业担保贷款初审意见", dept: "区人力资源和社会保障局", window: 2, material: []string{"营业执照", "创业计划书"}},
	{name: "职业技能培训补贴", category: "就业创业", acts: []string{"申请", "报名"}, keywords: []string{"技能培训", "培训补贴"},
		basis: "《中华人民共和国就业促进法》", who: "参加职业技能培训并取得证书的劳动者",
		result: "培训补贴", dept: "区人力资源和社会保障局", window: 2, material: []string{"职业资格或技能等级证书"}},
	{name: "退役军人优待证", category: "退役军人服务", acts: []string{"申领", "补办", "信息变更"}, keywords: []string{"优待证", "军人优待"},
		basis: "《中华人民共和国退役军人保障法》", who: "本区户籍的退役军人和其他优抚对象",
		result: "退役军人优待证", dept: "区退役军人事务局", window: 4, material: []string{"退役证或退伍证", "近期二寸免冠彩色照片"}},
	{name: "退役军人信息采集", category: "退役军人服务", acts: []string{"登记", "信息更正"}, keywords: []string{"退役军人", "信息采集"},
		basis: "《中华人民共和国退役军人保障法》", who: "本区户籍的退役军人", result: "信息采集回执", dept: "区退役军人事务局", window: 4,
		material: []string{"退役证或退伍证"}},
	{name: "优抚对象抚恤补助", category: "退役军人服务", acts: []string{"申请", "标准调整", "资格认证"}, prefixes: []string{"", "伤残军人", "烈属"},
		keywords: []string{"抚恤", "优抚", "定补"}, basis: "《军人抚恤优待条例》", who: "残疾军人、烈士遗属、因公牺牲军人遗属等优抚对象",
		result: "抚恤补助金", dept: "区退役军人事务局", window: 4, material: []string{"优抚证件"}, benefit: true},
	{name: "生育登记", category: "卫生健康", acts: []string{"办理", "信息变更", "补办"}, prefixes: []string{"", "一孩", "二孩", "三孩"},
		keywords: []string{"生育服务证", "准生证", "生育"}, basis: "《中华人民共和国人口与计划生育法》",
		who: "生育子女的夫妻", result: "生育登记服务单", dept: "区卫生健康局", window: 4, material: []string{"结婚证"}},
	{name: "独生子女父母奖励", category: "卫生健康", acts: []string{"申请", "年度确认", "补发"}, keywords: []string{"独生子女", "独生子女证", "奖励扶助"},
		basis: "《中华人民共和国人口与计划生育法》", who: "只生育一个子女并领取独生子女父母光荣证的夫妻",
		result: "独生子女父母奖励费", dept: "区卫生健康局", window: 4, material: []string{"独生子女父母光荣证", "结婚证"}},
	{name: "计划生育特别扶助", category: "卫生健康", acts: []string{"申请", "资格确认"}, keywords: []string{"特扶", "失独"},
		basis: "《中华人民共和国人口与计划生育法》", who: "独生子女伤残或死亡、未再生育或收养子女的夫妻",
		result: "特别扶助金", dept: "区卫生健康局", window: 4, benefit: true},
	{name: "法律援助", category: "法律服务", acts: []string{"申请", "咨询", "转交申请"}, prefixes: []string{"", "农民工讨薪", "未成年人"},
		keywords: []string{"法援", "免费律师", "打官司"}, basis: "《中华人民共和国法律援助法》",
		who: "因经济困难没有委托代理人或辩护人的公民", result: "法律援助申请转交回执", dept: "区司法局", window: 5,
		material: []string{"经济困难状况说明表", "与案件有关的材料"}},
	{name: "人民调解", category: "法律服务", acts: []string{"申请", "协议确认"}, prefixes: []string{"", "邻里纠纷", "家庭纠纷", "物业纠纷"},
		keywords: []string{"调解", "纠纷"}, basis: "《中华人民共和国人民调解法》", who: "发生民间纠纷的当事人",
		result: "人民调解协议书", dept: "街道人民调解委员会", window: 5},
	{name: "公共租赁住房", category: "住房保障", acts: []string{"申请", "资格复核", "退出"}, keywords: []string{"公租房", "保障房", "廉租房"},
		basis: "《公共租赁住房管理办法》（住房和城乡建设部令第11号）", who: "本区城镇中等偏下收入住房困难家庭、新就业无房职工和外来务工人员",
		result: "公共租赁住房资格审核结果", dept: "区住房和城乡建设局", window: 5, material: []string{"家庭收入证明", "住房情况证明"}, benefit: true},
	{name: "住房租赁补贴", category: "住房保障", acts: []string{"申请", "年度复核", "停发"}, keywords: []string{"租房补贴", "租赁补贴"},
		basis: "《公共租赁住房管理办法》（住房和城乡建设部令第11号）", who: "本区城镇低收入住房困难家庭",
		result: "住房租赁补贴", dept: "区住房和城乡建设局", window: 5, material: []string{"房屋租赁合同或房产证明"}, benefit: true},
	{name: "惠民殡葬补贴", category: "社区事务", acts: []string{"申请"}, keywords: []string{"丧葬补贴", "殡葬", "丧葬费"},
		basis: "《殡葬管理条例》", who: "逝者为本区户籍居民的家属", result: "殡葬补贴", dept: "区民政局", window: 1,
		material: []string{"居民死亡医学证明书", "火化证明"}},
	{name: "志愿者注册", category: "社区事务", acts: []string{"登记", "服务时长证明"}, keywords: []string{"志愿服务", "志愿者"},
		basis: "《志愿服务条例》", who: "年满18周岁、愿意参加社区志愿服务的居民", result: "志愿者注册信息", dept: "街道办事处", window: 0},
	{name: "养犬登记", category: "社区事务", acts: []string{"办理", "年检", "注销"}, keywords: []string{"犬证", "养狗"},
		basis: "本市养犬管理条例（示例）", who: "在本社区居住并饲养犬只的居民", result: "养犬登记证", dept: "区公安分局", window: 0,
		material: []string{"犬只免疫证明", "犬只照片"}},
	{name: "流动人口", category: "社区事务", acts: []string{"居住登记", "信息变更", "离开登记"}, keywords: []string{"外来人口", "居住登记"},
		basis: "《居住证暂行条例》（国务院令第663号）", who: "离开户籍所在地来本社区居住的人员", result: "居住登记凭证",
		dept: "区公安分局", window: 0, material: []string{"房屋租赁合同或房产证明"}},
}

// synthQualifiers are the parenthesised notes some guides carry.
var synthQualifiers = []string{"", "", "", "", "", "（本人办理）", "（委托他人办理）", "（容缺受理）",
	"（线上预审）", "（上门代办）", "（预约办理）"}

var synthSummaries = []string{
	"在社区便民服务室办理%s，办理结果为%s。",
	"%s事项，材料齐全的按期办结，办理结果为%s。",
	"符合条件的居民可在社区办理%s，窗口一次告知所需材料，结果为%s。",
}

var synthUpperSteps = []string{"社区初审后报送%s审批", "社区受理后将材料转报%s审核", "由%s审批，社区负责送达结果"}

// SynthItems generates n valid service items for benchmarks and demos,
// deterministically from seed: the same n and seed give the same items.
// Names are built from real kinds of community business (居住证申领,
// 城市最低生活保障资格认定 …) spread over twelve categories; all six
// handling modes occur (joint items name a lead and joint windows among
// SynthWindows, upper items an upper department). Codes are
// SYN<seed in hex>-<number>, unique for a seed, and every item is marked as
// sample data. "The same n and seed" also means: the first k items of a
// longer run are the k items of a shorter one.
func SynthItems(n int, seed uint64) []Item {
	g := newSynthItemGen(seed)
	items := make([]Item, 0, max(n, 0))
	for range max(n, 0) {
		items = append(items, g.next())
	}
	return items
}

// synthItemGen makes the items of SynthItems one at a time, so that
// AddSynthItems holds one item at a time and not all of them (100,000
// items were 500 MB of memory).
type synthItemGen struct {
	r    *rand.Rand
	seed uint64
	i    int // the next item's number, from 0
}

func newSynthItemGen(seed uint64) *synthItemGen {
	return &synthItemGen{r: rand.New(rand.NewPCG(seed, 0x6269616e6d696e)), seed: seed} // "bianmin"
}

func (g *synthItemGen) next() Item {
	it := synthItem(g.r, g.i, g.seed)
	g.i++
	return it
}

func synthItem(r *rand.Rand, i int, seed uint64) Item {
	sub := &synthSubjects[r.IntN(len(synthSubjects))]
	act := sub.acts[r.IntN(len(sub.acts))]
	prefix := ""
	if len(sub.prefixes) > 0 {
		prefix = sub.prefixes[r.IntN(len(sub.prefixes))]
	}
	name := prefix + sub.name + act + synthQualifiers[r.IntN(len(synthQualifiers))]
	it := Item{
		Code:       fmt.Sprintf("SYN%x-%06d", seed, i+1),
		Name:       name,
		Category:   sub.category,
		Keywords:   append([]string(nil), sub.keywords...),
		Summary:    fmt.Sprintf(synthSummaries[r.IntN(len(synthSummaries))], sub.name+act, sub.result) + "（合成示例数据）",
		Basis:      sub.basis,
		Conditions: "申请人应为" + sub.who + "；材料真实、齐全。",
		Fee:        "不收费",
		Trips:      1 + r.IntN(2),
		Phone:      fmt.Sprintf("0919-%d（示例）", 3100000+r.IntN(900000)),
		Result:     sub.result,
		Sample:     true,
		Mode:       synthMode(r, i),
	}
	if r.IntN(4) == 0 {
		it.Keywords = append(it.Keywords, sub.name+act)
	}
	if sub.benefit {
		it.SpecialSteps = "入户调查、邻里访问，审核结果在社区公示栏公示7天"
		it.SpecialCounts = r.IntN(3) == 0
	}
	if strings.HasSuffix(sub.result, "证") || strings.HasSuffix(sub.result, "卡") {
		if r.IntN(5) == 0 {
			it.Fee = "工本费10元（首次申领免费）"
			it.FeeBasis = "按省级价格主管部门核定的证件工本费标准收取（示例）"
		}
	}

	synthHandling(r, &it, sub)
	synthMaterials(r, &it, sub, act)
	synthFields(r, &it, sub)
	return it
}

// synthHandling sets how a synthetic item is handled: its mode's time
// limits, windows, department and procedure.
func synthHandling(r *rand.Rand, it *Item, sub *synthSubject) {
	lead := synthWindows[sub.window].Code
	accept := "向社区便民服务室" + synthWindows[sub.window].Name + "提交申请材料"
	switch it.Mode {
	case ModeDirect:
		it.LegalDays = r.IntN(6)
		it.Trips = 1
		it.Procedure = []string{accept, "窗口工作人员当场审核材料", "材料齐全、符合条件的当场办结并发放" + sub.result}
		it.LeadWindow = lead
	case ModePromise:
		it.PromisedDays = 1 + r.IntN(10)
		it.LegalDays = it.PromisedDays + r.IntN(11)
		it.Procedure = []string{accept, "窗口受理并出具受理回执", fmt.Sprintf("%d个工作日内审核办结", it.PromisedDays),
			"短信通知申请人领取" + sub.result}
		it.LeadWindow = lead
	case ModeJoint:
		it.PromisedDays = 3 + r.IntN(8)
		it.LegalDays = it.PromisedDays + r.IntN(11)
		it.LeadWindow = lead
		for _, k := range r.Perm(len(synthWindows))[:1+r.IntN(2)] {
			if synthWindows[k].Code != lead {
				it.JointWindows = append(it.JointWindows, synthWindows[k].Code)
			}
		}
		if len(it.JointWindows) == 0 {
			it.JointWindows = []string{synthWindows[(sub.window+1)%len(synthWindows)].Code}
		}
		it.Procedure = []string{accept, "牵头窗口受理，配合窗口同步会签", "牵头窗口汇总意见并办结", "通知申请人领取" + sub.result}
	case ModeUpper:
		it.PromisedDays = 5 + r.IntN(11)
		it.LegalDays = it.PromisedDays + r.IntN(16)
		it.UpperDepartment = sub.dept
		it.Procedure = []string{accept, "社区受理并出具受理回执",
			fmt.Sprintf(synthUpperSteps[r.IntN(len(synthUpperSteps))], sub.dept), "审批结果由社区通知申请人"}
		if r.IntN(2) == 0 {
			it.LeadWindow = lead
		}
	case ModeAssist:
		it.PromisedDays = 1 + r.IntN(10)
		it.LegalDays = it.PromisedDays + r.IntN(11)
		it.UpperDepartment = sub.dept
		it.Procedure = []string{"到社区便民服务室说明需求", "工作人员协助填写申请表、准备材料",
			"协助申请人向" + sub.dept + "提交申请", "跟踪办理进度并告知结果"}
	case ModeProxy:
		it.PromisedDays = 2 + r.IntN(14)
		it.LegalDays = it.PromisedDays + r.IntN(11)
		it.Trips = r.IntN(2)
		it.UpperDepartment = sub.dept
		it.Procedure = []string{"申请人或家属到社区或电话提出代办申请", "签署委托代办书并交付材料",
			"工作人员代为向" + sub.dept + "办理", "办结后将" + sub.result + "送达申请人"}
	}
	if r.IntN(3) == 0 {
		it.LegalDays = 0 // no statutory limit named
	}
}

// synthMaterials lists a synthetic item's materials.
func synthMaterials(r *rand.Rand, it *Item, sub *synthSubject, act string) {
	it.Materials = append(it.Materials, Material{Name: "居民身份证", Required: true, Form: FormBoth, Copies: 1})
	if r.IntN(2) == 0 {
		it.Materials = append(it.Materials, Material{Name: "户口簿", Required: true, Form: FormBoth, Copies: 1,
			Note: "户主页及本人页"})
	}
	for _, m := range sub.material {
		it.Materials = append(it.Materials, Material{Name: m, Required: r.IntN(4) != 0,
			Form: []MaterialForm{FormOriginal, FormCopy, FormBoth}[r.IntN(3)], Copies: 1 + r.IntN(2)})
	}
	form := sub.name + act + "申请表"
	if strings.HasSuffix(act, "申请") {
		form = sub.name + act + "表"
	}
	it.Materials = append(it.Materials, Material{Name: form, Required: true, Form: FormOriginal,
		Copies: 1, Note: "窗口领取或在自助终端填写"})
	if it.Mode == ModeProxy || r.IntN(3) == 0 {
		it.Materials = append(it.Materials, Material{Name: "委托书及受托人身份证", Required: it.Mode == ModeProxy,
			Form: FormOriginal, Copies: 1, Note: "委托他人办理时提供"})
	}
}

// synthFields sets a synthetic item's intake fields.
func synthFields(r *rand.Rand, it *Item, sub *synthSubject) {
	it.Fields = []IntakeField{{Key: "phone", Label: "联系电话", Kind: KindText, Required: true, Help: "用于通知办理结果"}}
	if sub.benefit {
		it.Fields = append(it.Fields,
			IntakeField{Key: "household_size", Label: "共同生活家庭人数", Kind: KindNumber, Required: true},
			IntakeField{Key: "monthly_income", Label: "家庭月收入（元）", Kind: KindNumber, Required: true})
	}
	if r.IntN(2) == 0 {
		it.Fields = append(it.Fields, IntakeField{Key: "reason", Label: "申请事由", Kind: KindText, Help: "简要说明情况"})
	}
	if r.IntN(3) == 0 {
		it.Fields = append(it.Fields, IntakeField{Key: "start_date", Label: "希望办理日期", Kind: KindDate})
	}
	if r.IntN(2) == 0 {
		it.Fields = append(it.Fields, IntakeField{Key: "pickup", Label: "结果领取方式", Kind: KindSingle, Required: true,
			Options: []string{"窗口领取", "邮寄送达", "网格员送达"}})
	}
	if r.IntN(4) == 0 {
		it.Fields = append(it.Fields, IntakeField{Key: "contact_time", Label: "方便联系的时间", Kind: KindMulti,
			Options: []string{"工作日上午", "工作日下午", "周末"}})
	}
}

// synthMode gives the first six items one mode each, so that even a small
// batch has all six, and the rest modes in rough proportion to a real
// service room's: most are promised or direct, few are proxied.
func synthMode(r *rand.Rand, i int) Mode {
	if i < len(Modes) {
		return Modes[i]
	}
	switch p := r.IntN(100); {
	case p < 35:
		return ModePromise
	case p < 60:
		return ModeDirect
	case p < 75:
		return ModeUpper
	case p < 85:
		return ModeJoint
	case p < 93:
		return ModeAssist
	default:
		return ModeProxy
	}
}

// synthBatch is how many items AddSynthItems writes per transaction: each
// transaction ends with the batch indexed for search, and every index
// update leaves a segment that FTS5 merges with the others, level upon
// level, so fewer, bigger batches are less work in all (see
// importHashSize).
const synthBatch = 10_000

// AddSynthItems adds n synthetic items (SynthItems(n, seed)) to the store,
// one transaction per synthBatch items, after the items already there in
// display order, on one connection set up for bulk writes (see bulk). The
// items are made one at a time as they are written. The windows they name
// (SynthWindows) are created if missing. Adding the same n and seed again
// updates the same items. It returns how many items it wrote.
func (s *Store) AddSynthItems(ctx context.Context, n int, seed uint64) (int, error) {
	windowIDs := map[string]int64{}
	var ord int
	err := s.tx(ctx, "synth windows", func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(ord), -1) + 1 FROM windows`).Scan(&ord); err != nil {
			return err
		}
		for i, w := range synthWindows {
			if _, err := tx.ExecContext(ctx, `INSERT INTO windows (code, name, duties, ord) VALUES (?, ?, ?, ?)
				ON CONFLICT (code) DO NOTHING`, w.Code, w.Name, w.Duties, ord+i); err != nil {
				return err
			}
			var id int64
			if err := tx.QueryRowContext(ctx, `SELECT id FROM windows WHERE code = ?`, w.Code).Scan(&id); err != nil {
				return err
			}
			windowIDs[w.Code] = id
		}
		return tx.QueryRowContext(ctx, `SELECT coalesce(max(ord), -1) + 1 FROM items`).Scan(&ord)
	})
	if err != nil {
		return 0, err
	}
	window := func(code string) (any, error) { return windowIDs[code], nil }
	g := newSynthItemGen(seed)
	done := 0
	err = s.bulk(ctx, "synth items", importCacheKiB, false, func(conn *sql.Conn) error {
		for done < n {
			batch := min(synthBatch, n-done)
			// Indexed for search once per batch (migration 011).
			if err := s.bulkImportTx(ctx, conn, "synth items", func(imp *catalogImporter) error {
				for i := range batch {
					it := g.next()
					if err := it.Validate(); err != nil {
						return err.(*InvalidError).Prefix(fmt.Sprintf("items[%d]", done+i))
					}
					if err := putItem(ctx, imp.tx, &it, ord+done+i, s.stamp(), window); err != nil {
						return err
					}
				}
				return imp.flushSearch()
			}); err != nil {
				return err
			}
			done += batch
		}
		return nil
	})
	return done, err
}
