import PetitionsDomain

// Every table of Portuguese: adding a language is a file like this one, its case in `Language`,
// its entry in `Lexicons.all`, and tests.
extension Lexicons {
    static let portuguese = Lexicon(
        language: .pt,
        functionWords: [
            "o", "a", "os", "as", "de", "do", "da", "dos", "das", "e", "que", "em", "um", "uma", "para", "com", "não", "por", "foi", "são", "ao", "já",
        ],
        scales: [
            "mil": 1_000, "milhão": 1_000_000, "milhao": 1_000_000, "milhões": 1_000_000, "milhoes": 1_000_000, "bilhão": 1_000_000_000,
            "bilhões": 1_000_000_000, "mil milhões": 1_000_000_000,
        ],
        numberWords: [
            "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
            "vinte": 20, "cem": 100,
        ],
        qualifiersBefore: [
            ("ultrapassar", .over), ("ultrapassando", .over), ("mais de", .over), ("ultrapassa", .over), ("ultrapassou", .over), ("ultrapasse", .over),
            ("ultrapassar", .over), ("superar", .over), ("supera", .over), ("superou", .over), ("ultrapassou as", .over),
            ("ultrapassou os", .over), ("superou as", .over), ("superou os", .over), ("passou de", .over), ("passa de", .over), ("pelo menos", .atLeast),
            ("no mínimo", .atLeast), ("cerca de", .about), ("aproximadamente", .about), ("por volta de", .about), ("em torno de", .about),
            ("quase", .almost), ("menos de", .under), ("até", .upTo), ("passa das", .over), ("passou das", .over), ("passa dos", .over), ("passou dos", .over),
            ("perto de", .almost),
        ],
        qualifiersAfter: [("ou mais", .atLeast)],
        rangeWords: [("entre", "e"), ("de", "a")],
        signatureCues: [
            "assin", "assinaram", "assinado", "assinada", "assinatura", "assinaturas", "signatários", "signatárias", "subscreveram", "petição",
            "carta aberta", "carta", "abaixo-assinado", "manifesto", "contador", "nomes",
        ],
        authorCuesBefore: [
            "escrita por", "escrito por", "redigida por", "redigido por", "lançada por", "idealizada por", "publicada por", "publicado por", "divulgada por",
            "criado por", "criada por", "lançado por", "iniciado por",
        ],
        authorCuesAfter: ["escreveram", "redigiram", "autores", "autoras"],
        verifiedCues: ["válidas", "válidos", "verificadas", "verificados", "confirmadas", "validadas", "verificad", "confirmad", "checadas"],
        goalCues: [
            "qualquer petição", "toda petição", "toda a petição", "uma petição que", "as petições que", "se uma petição", "quando uma petição", "necessárias",
            "necessários", "precisa", "precisam", "são necessárias", "meta", "objetivo", "limite", "atingir", "alcançar", "querem", "quer", "esperam",
            "pretendem", "pretende", "buscam", "almejam", "deve reunir", "devem reunir", "deve ter", "devem ter",
        ],
        silencersAfter: [
            "compartilhamentos", "comentários", "resultados", "minutos", "minuto", "horas", "hora", "segundos", "dias", "dia", "semanas", "meses", "anos",
            "ano", "por cento", "dólares", "euros",
            "reais", "funcionários", "vídeos", "clipes", "filmes", "imagens", "páginas", "km", "vezes", "p",
            "utilizadores", "visualizações", "seguidores", "países", "cidades", "empresas", "de dólares", "de reais", "campanhas",
            "petições", "línguas", "idiomas", "artigos", "mensagens", "projetos", "canções", "livros", "episódios", "modelos", "prêmios",
        ],
        silencersBefore: [
            "$", "r$", "€", "£", "página", "versão", "capítulo", "artigo", "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
            "agosto", "setembro", "outubro", "novembro", "dezembro", "avaliada em", "avaliado em", "emprega", "empregam", "contratou", "demitiu", "primeiras",
            "primeiros", "idade de", "representa", "representam",
        ],
        signingVerbs: ["assinaram", "assinam", "subscreveram", "assinado", "assinada"],
        signedBy: ["assinada por", "assinado por", "subscrita por"],
        people: [
            "cientistas", "pesquisadores", "médicos", "acadêmicos", "escritores", "especialistas", "pessoas", "cidadãos", "artistas", "usuários", "estudantes",
        ],
        members: ["usuários", "filiados", "associados", "membros", "mil filiados"],
        petitionWords: ["petição"],
        petitionNouns: ["petições", "campanhas", "abaixo-assinados"],
        progressConnectors: ["/", "de"],
        timesWords: ["vezes"],
        changeVerbs: ["passaram", "passou", "subiram", "cresceram", "aumentaram", "saltaram"],
        byWords: ["por"],
        publishStems: ["publicad", "escrit", "redigid", "divulgad"],
        adjectiveBeforeNoun: false,
        countWords: CountWords.portuguese.merging(["mil": 1_000, "cem": 100]) { a, _ in a },
        countWordsNotBefore: ["de", "dos", "das"],
        hundredsStems: ["cem", "cento", "centos", "centas"],
        compound: CountWords.Compound(
            conjunction: Phrase("e"),
            units: CountWords.phrases([
                "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5, "seis": 6,
                "sete": 7, "oito": 8, "nove": 9,
            ]), tens: CountWords.allTens),
        ruleMarkers: [
            "se uma petição", "se a petição", "se esta petição", "se estiverem", "se tiverem", "se tiver", "se atingir", "se alcançar", "toda petição",
            "as petições que", "uma petição que", "precisa de", "precisam de", "deve reunir", "devem reunir", "devem ter", "deve ter",
        ],
        ruleConsequences: ["discutid", "debate", "debatid", "analisad", "apreciad", "resposta", "responder", "limiar", "plenário", "comiss", "referendo"],
        shortfallCues: ["faltam", "restam"],
        countNouns: ["assinaturas", "signatários"],
        fractionsOfScale: [("meio", 0.5), ("um quarto de", 0.25)],
        halfAfterScale: ["e meio"],
        askingVerbs: ["pedem", "pediram", "exigem", "apoiam", "apoiaram", "reivindicam", "querem", "solicitam", "aderiram"]
    )
}

extension CountWords {
    static let portuguese: [String: Int] = {
        let units = ["", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove"]
        let teens = ["dez", "onze", "doze", "treze", "catorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove"]
        var words = basics(units, teens).merging(["duas": 2, "quatorze": 14, "dezasseis": 16, "dezassete": 17, "dezanove": 19]) { first, _ in first }
        for (ten, word) in ["vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa"].enumerated() {
            words[word] = (ten + 2) * 10
        }
        return words
    }()
}
