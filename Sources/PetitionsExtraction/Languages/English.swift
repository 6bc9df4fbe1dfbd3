import PetitionsDomain

// Every table of English: adding a language is a file like this one, its case in `Language`,
// its entry in `Lexicons.all`, and tests.
extension Lexicons {
    static let english = Lexicon(
        language: .en,
        functionWords: [
            "the", "and", "of", "to", "has", "have", "was", "were", "which", "that", "with", "by", "for", "its", "is", "since", "on", "been", "from", "it",
            "this", "an",
        ],
        scales: [
            "thousand": 1_000, "k": 1_000, "million": 1_000_000, "millions": 1_000_000, "m": 1_000_000, "mn": 1_000_000, "billion": 1_000_000_000,
            "bn": 1_000_000_000,
        ],
        numberWords: [
            "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
            "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
        ],
        qualifiersBefore: [
            ("more than", .over), ("over", .over), ("upwards of", .over), ("in excess of", .over), ("exceeding", .over), ("surpassed", .over),
            ("passed", .over), ("topped", .over), ("pass", .over), ("passes", .over), ("crossed", .over), ("surpass", .over),
            ("exceeded", .over), ("exceeds", .over), ("broke", .over), ("topping", .over), ("surpassing", .over), ("at least", .atLeast),
            ("no fewer than", .atLeast), ("no less than", .atLeast),
            ("a minimum of", .atLeast), ("about", .about), ("around", .about), ("roughly", .about), ("approximately", .about),
            ("some", .about), ("circa", .about), ("an estimated", .about), ("nearly", .almost), ("almost", .almost), ("close to", .almost),
            ("just under", .almost), ("fewer than", .under), ("less than", .under), ("under", .under), ("below", .under),
            ("up to", .upTo), ("as many as", .upTo), ("tops", .over), ("top", .over), ("tops the", .over), ("clears", .over), ("cleared", .over),
            ("past", .over), ("climbed past", .over), ("went past", .over), ("moved past", .over), ("crept past", .over),
        ],
        qualifiersAfter: [("or more", .atLeast), ("plus", .over), ("+", .over)],
        rangeWords: [("between", "and"), ("from", "to")],
        signatureCues: [
            "sign", "signed", "signing", "signature", "signatures", "signatories", "signatory", "signers", "petition", "open letter", "letter",
            "statement", "added their names", "backed", "endorsed", "supporters", "names", "counter", "tally",
        ],
        authorCuesBefore: [
            "written by", "drafted by", "authored by", "penned by", "co-written by", "launched by", "started by", "initiated by", "published by", "posted by",
            "released by", "put out by", "coordinated by", "organised by", "organized by",
        ],
        authorCuesAfter: ["wrote", "drafted", "authored", "penned", "co-authors", "authors"],
        verifiedCues: ["valid signatures", "valid", "verified", "confirmed", "authenticated", "validated", "verif", "checked"],
        goalCues: [
            "any petition", "every petition", "a petition that", "a petition which", "petitions that", "petitions which", "if a petition", "once a petition",
            "when a petition", "needs", "need", "needed", "goal", "target", "threshold", "aims", "aiming", "aim", "required", "requires", "must reach",
            "to reach", "to trigger",
            "to get", "must collect", "must gather", "must get", "has to collect", "have to collect", "needs to collect", "needs to reach", "hopes to reach",
            "hoping to reach", "hopes to collect", "hope to", "hopes to", "hoping to", "want to", "wants to", "plan to", "plans to", "aim to", "aims to",
            "aiming for", "aim for", "set out to", "seek", "seeks", "must be signed by", "needs to be signed by", "need to be signed by", "to be tabled",
        ],
        silencersAfter: [
            "shares", "comments", "reactions", "retweets", "reposts", "replies", "results", "search results", "hits", "matches", "minute", "minutes", "min",
            "hour", "hours", "second", "seconds", "day", "days", "week", "weeks", "month", "months", "year", "years",
            "percent", "per cent", "dollars", "euros", "pounds", "usd", "eur", "employees", "staff", "videos", "clips", "films",
            "images", "pages", "miles", "km", "times", "fps", "p", "gb", "mb", "tb", "views", "followers", "subscribers", "likes",
            "downloads", "copies", "tokens", "parameters", "words", "characters", "countries", "cities", "companies", "hours'",
            "jobs", "st", "nd", "rd", "th", "am", "pm", "billion dollars", "million dollars", "degrees", "campaigns", "petitions",
            "languages", "articles", "posts", "tweets", "messages", "emails", "projects", "songs", "books", "episodes", "models",
            "seasons", "awards", "products", "apps", "games", "stores", "offices", "studios", "teams", "events", "meetings", "per", "a minute",
            "an hour", "a day", "a week", "amendments",
        ],
        silencersBefore: [
            "$", "us$", "£", "€", "¥", "half", "half a", "a third of", "quarter", "page", "pages", "version", "chapter", "section", "article", "top", "no.",
            "number", "rank", "ranked",
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gpt-", "iphone", "windows", "valued at", "worth", "employs",
            "employing", "employ", "hired", "hiring", "laid off", "fired", "aged", "age", "ages", "top", "the top", "represents", "represent", "representing",
            "another", "an additional", "a further",
        ],
        signingVerbs: ["signed", "sign", "have signed", "backed", "endorsed", "co-signed", "cosigned"],
        signedBy: ["signed by", "backed by", "endorsed by", "supported by"],
        people: [
            "scientists", "researchers", "academics", "doctors", "writers", "teachers", "lawyers", "experts", "people", "persons", "artists", "citizens",
            "residents", "members", "supporters", "users", "students", "workers",
        ],
        members: ["users", "members", "member", "groups", "organisations", "organizations", "associations", "ngos", "unions"],
        petitionWords: ["petition", "e-petition"],
        petitionNouns: ["petitions", "e-petitions", "campaigns"],
        progressConnectors: ["/", "out of", "of"],
        timesWords: ["times"],
        changeVerbs: ["rose", "grew", "climbed", "jumped", "increased", "went", "doubled", "tripled", "soared", "risen", "grown"],
        byWords: ["by"],
        publishStems: ["publish", "posted", "released", "written", "drafted", "authored", "penned"],
        adjectiveBeforeNoun: true,
        countWords: CountWords.english,
        countWordsNotBefore: ["of"],
        hundredsStems: ["hundred", "hundreds"],
        compound: nil,
        ruleMarkers: [
            "if", "petitions that", "petitions which", "petitions with", "a petition that", "a petition which", "any petition", "every petition", "you need",
            "need at least", "needs at least", "must be signed", "must have", "must gather", "must collect", "petitions need", "petitions receiving",
            "petitions reaching", "petitions gaining",
        ],
        ruleConsequences: [
            "respond", "response", "debate", "debated", "considered for", "consideration", "hearing", "triggers", "trigger a", "referendum", "threshold",
            "be discussed", "answered", "must answer",
        ],
        shortfallCues: ["still needs", "still need", "short", "shy of", "to go", "more needed", "still needed", "away from", "left to"],
        countNouns: ["signatures", "signatories", "co-signers", "cosigners"],
        fractionsOfScale: [("half a", 0.5), ("a quarter of a", 0.25), ("three quarters of a", 0.75), ("half", 0.5)],
        halfAfterScale: ["and a half"],
        askingVerbs: [
            "asked", "ask", "are asking", "called", "calling", "call on", "demand", "demanded", "demanding", "urge", "urged", "urging", "support", "supported",
            "joined", "requested", "back", "backed",
        ]
    )
}

extension CountWords {
    static let english: [String: Int] = {
        let units = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        let teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
        let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        var words = basics(units, teens)
        for ten in 2...9 {
            words[tens[ten]] = ten * 10
            for unit in 1...9 { words["\(tens[ten])-\(units[unit])"] = ten * 10 + unit }
        }
        return words
    }()
}
