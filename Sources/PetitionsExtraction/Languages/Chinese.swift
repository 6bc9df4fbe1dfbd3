import PetitionsDomain

// Every table of Chinese: adding a language is a file like this one, its case in `Language`,
// its entry in `Lexicons.all`, and tests.
extension Lexicons {
    static let chinese = Lexicon(
        language: .zh,
        functionWords: ["的", "了", "是", "在", "和", "有", "这", "为", "与", "已", "该", "个", "也", "都", "将", "对"],
        scales: ["千": 1_000, "万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000],
        numberWords: [:],
        qualifiersBefore: [
            ("约", .about), ("約", .about), ("大约", .about), ("大約", .about), ("约有", .about), ("大约有", .about), ("約有", .about), ("近", .almost), ("将近", .almost),
            ("接近", .almost),
            ("超过", .over), ("超過", .over), ("逾", .over), ("超", .over), ("至少", .atLeast), ("最少", .atLeast), ("不少于", .atLeast),
            ("不足", .under), ("不到", .under), ("少于", .under), ("最多", .upTo), ("多达", .upTo), ("突破", .over), ("超出", .over),
        ],
        qualifiersAfter: [
            ("人以上", .atLeast), ("以上", .atLeast), ("多", .over), ("余", .over), ("余人", .over), ("多人", .over), ("左右", .about),
            ("突破", .over),
        ],
        rangeWords: [("", "至"), ("", "到"), ("", "-")],
        signatureCues: [
            "签名", "簽名", "附议", "附議", "赞同者", "贊同者", "賛同者", "联署", "聯署", "连署", "連署", "签署", "簽署", "请愿", "請願", "公开信", "公開信", "声明", "聲明", "名字", "名单", "名單",
        ],
        authorCuesBefore: ["由", "撰写者", "起草者", "发起人"],
        authorCuesAfter: ["撰写", "撰寫", "起草", "名作者", "位作者", "人撰写", "人起草", "发起"],
        verifiedCues: ["有效签名", "有效簽名", "有效", "已验证", "已驗證", "经验证", "經驗證", "认证", "認證", "核实", "核實", "确认", "確認"],
        goalCues: [
            "任何请愿", "任何請願", "只要", "一旦", "如果", "需要", "目标", "目標", "门槛", "門檻", "以达到", "以達到", "才能达到", "才能達到", "需要达到", "需達到", "需达到", "要达到", "希望", "计划", "計劃", "力争",
            "争取", "打算", "寻求", "尋求",
        ],
        silencersAfter: [
            "条评论", "條評論", "次转发", "次轉發", "次分享", "条结果", "个结果", "条搜索结果", "個結果", "分钟", "分鐘", "小时", "小時", "秒", "天", "周", "个月", "個月", "年", "％", "%", "美元", "元", "欧元",
            "人民币", "名员工", "员工",
            "員工", "部", "个视频", "個視頻", "页", "頁", "公里", "次", "p", "岁", "歲", "月", "日", "时", "時", "点", "點", "分", "条", "條", "项", "項", "多项", "多項", "个国家", "個國家",
            "多个国家", "多個國家",
        ],
        silencersBefore: ["$", "¥", "€", "第", "美元", "雇佣", "雇用", "员工", "員工"],
        signingVerbs: ["签署了", "签署", "联署", "簽署"],
        signedBy: ["签署", "联署"],
        people: ["人", "名"],
        members: ["会员", "會員", "名会员", "名成员", "成员"],
        petitionWords: [],
        petitionNouns: ["份请愿", "个请愿", "项请愿", "件请愿", "份請願", "個請願", "項請願"],
        progressConnectors: ["/", "／"],
        timesWords: ["次"],
        changeVerbs: ["增至", "增加", "上升"],
        byWords: [],
        publishStems: [],
        adjectiveBeforeNoun: false,
        countWords: [:],
        countWordsNotBefore: [],
        hundredsStems: [],
        compound: nil,
        ruleMarkers: ["如果", "若", "一旦", "只要", "凡", "规定", "規定", "必须", "必須", "须在", "須在"],
        ruleConsequences: ["回应", "回應", "回复", "回覆", "答复", "答覆", "门槛", "門檻", "审议", "審議", "辩论", "辯論"],
        shortfallCues: ["还差", "還差", "还需", "還需", "还缺", "還缺"],
        countNouns: ["份签名", "份簽名", "人附议", "人附議", "个签名", "個簽名", "人联署", "人聯署", "人连署", "人連署"],
        fractionsOfScale: [],
        halfAfterScale: []
    )
}
