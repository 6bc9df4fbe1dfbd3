import PetitionsDomain

// Every table of Japanese: adding a language is a file like this one, its case in `Language`,
// its entry in `Lexicons.all`, and tests.
extension Lexicons {
    static let japanese = Lexicon(
        language: .ja,
        functionWords: ["の", "に", "は", "を", "が", "と", "で", "た", "し", "て", "も", "です", "ます", "した"],
        scales: ["千": 1_000, "万": 10_000, "億": 100_000_000],
        numberWords: [:],
        qualifiersBefore: [
            ("約", .about), ("およそ", .about), ("おおよそ", .about), ("ほぼ", .about), ("少なくとも", .atLeast), ("最低", .atLeast),
            ("最大", .upTo), ("最高", .upTo),
        ],
        qualifiersAfter: [
            ("人以上", .atLeast), ("以上", .atLeast), ("超", .over), ("を超える", .over), ("を超え", .over), ("余り", .over), ("余", .over),
            ("を突破", .over), ("突破", .over), ("を上回る", .over), ("を上回った", .over),
            ("人超", .over), ("分を超える", .over), ("分を超え", .over), ("分以上", .atLeast), ("近く", .almost), ("弱", .almost), ("未満", .under), ("人未満", .under),
            ("足らず", .under), ("ほど", .about),
            ("程度", .about), ("前後", .about), ("人程度", .about), ("人ほど", .about), ("強", .over),
        ],
        rangeWords: [("", "〜"), ("", "～")],
        signatureCues: ["署名", "賛同", "署名者", "賛同者", "オンライン署名", "請願", "公開書簡", "書簡", "声明", "名前", "名簿", "名を連ね"],
        authorCuesBefore: ["執筆者", "起草者", "発起人"],
        authorCuesAfter: ["が執筆", "人が執筆", "が起草", "人が起草", "による執筆", "の執筆者", "人の発起人", "が発起人", "執筆", "起草", "が公開した", "人が公開した", "が公開し", "が呼びかけ", "人が呼びかけ", "が発起"],
        verifiedCues: ["有効", "認証済み", "確認済み", "検証済み", "認証された", "確認された", "確認", "認証"],
        goalCues: ["達すると", "達すれば", "集まれば", "超えると", "超えれば", "必要", "目標", "目指", "基準", "目指", "集めたい"],
        silencersAfter: [
            "件のコメント", "回シェア", "回共有", "件の検索結果", "件ヒット", "件の結果", "分", "時間", "秒", "日", "週間", "か月", "ヶ月", "カ月", "年", "％", "%", "パーセント", "ドル", "円", "ユーロ", "人の社員",
            "社員",
            "従業員", "本", "枚", "件の動画", "ページ", "km", "回", "p", "歳", "位", "月", "割", "番目", "番", "時", "カ国", "か国", "ヵ国", "ヶ国", "ケ国", "条",
        ],
        silencersBefore: ["$", "¥", "€", "第", "約$", "組合員", "会員数", "従業員", "社員"],
        signingVerbs: ["が署名", "署名した", "署名している"],
        signedBy: ["が署名", "署名した"],
        people: ["人", "名"],
        members: ["人の会員", "人の組合員", "会員"],
        petitionWords: [],
        petitionNouns: ["件の請願", "件の嘆願", "件の署名活動", "本の請願"],
        progressConnectors: ["/", "／"],
        timesWords: ["回"],
        changeVerbs: ["増え", "増加"],
        byWords: [],
        publishStems: [],
        adjectiveBeforeNoun: false,
        countWords: [:],
        countWordsNotBefore: [],
        hundredsStems: [],
        compound: nil,
        ruleMarkers: ["集まれば", "達すれば", "超えれば", "達すると", "超えると", "場合", "必要"],
        ruleConsequences: ["回答", "審議", "答弁", "検討", "対応", "議論"],
        shortfallCues: ["あと"],
        countNouns: ["筆", "人分の署名"],
        fractionsOfScale: [],
        halfAfterScale: []
    )
}
