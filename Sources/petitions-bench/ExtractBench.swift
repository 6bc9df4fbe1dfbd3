import Foundation
import PetitionsDomain
import PetitionsExtraction

/// Generates article-like documents in the nine languages (our own sentences: prose without
/// figures, reported figures, and numbers that are not figures) and measures the extractor on them.
enum ExtractBench {
    static let prose: [String: [String]] = [
        "en": [
            "The artists said the programme treated them as unpaid testers.", "Organisers published the letter on a public page on Tuesday.",
            "Critics argue that the company should pay for creative work.", "The group did not reveal the names of its members.",
        ],
        "it": [
            "Gli artisti hanno spiegato le ragioni della protesta in un lungo messaggio.", "La lettera è stata pubblicata martedì su una piattaforma pubblica.",
            "I critici chiedono che le aziende paghino il lavoro creativo.", "Il gruppo non ha rivelato i nomi dei suoi membri.",
        ],
        "fr": [
            "Les artistes ont expliqué leur démarche dans un long message.", "La lettre a été publiée mardi sur une plateforme ouverte.",
            "Les critiques demandent que les entreprises rémunèrent le travail créatif.", "Le groupe n'a pas révélé les noms de ses membres.",
        ],
        "es": [
            "Los artistas explicaron sus motivos en un largo mensaje.", "La carta se publicó el martes en una plataforma abierta.",
            "Los críticos piden que las empresas paguen el trabajo creativo.", "El grupo no reveló los nombres de sus miembros.",
        ],
        "de": [
            "Die Künstler erklärten ihre Gründe in einer langen Nachricht.", "Der Brief wurde am Dienstag auf einer offenen Plattform veröffentlicht.",
            "Kritiker fordern, dass Unternehmen kreative Arbeit bezahlen.", "Die Gruppe nannte die Namen ihrer Mitglieder nicht.",
        ],
        "pt": [
            "Os artistas explicaram os seus motivos numa longa mensagem.", "A carta foi publicada na terça-feira numa plataforma aberta.",
            "Os críticos pedem que as empresas paguem o trabalho criativo.", "O grupo não revelou os nomes dos seus membros.",
        ],
        "id": [
            "Para seniman menjelaskan alasan mereka dalam pesan yang panjang.", "Surat itu diterbitkan pada hari Selasa di platform terbuka.",
            "Para kritikus meminta perusahaan membayar karya kreatif.", "Kelompok itu tidak mengungkapkan nama anggotanya.",
        ],
        "ja": [
            "アーティストたちは長いメッセージで抗議の理由を説明した。", "書簡は火曜日に公開のプラットフォームで発表された。",
            "批評家は企業が創作活動に対価を支払うべきだと主張している。", "グループはメンバーの名前を明らかにしなかった。",
        ],
        "zh": ["艺术家们在一条长消息中解释了抗议的原因。", "这封信于周二在一个公开平台上发布。", "批评者认为企业应当为创作付费。", "该团体没有透露成员的名字。"],
    ]
    static let figures: [String: [String]] = [
        "en": ["More than 13,500 artists have signed the statement.", "The letter was written by 16 artists.", "About 600 people have signed the petition."],
        "it": ["Oltre 13.500 artisti hanno firmato la dichiarazione.", "Circa 600 persone hanno firmato la petizione."],
        "fr": ["Plus de 13 500 artistes ont signé la déclaration.", "La lettre a été rédigée par 16 artistes."],
        "es": ["Más de 13.500 artistas han firmado la declaración.", "Unas 600 personas han firmado la petición."],
        "de": ["Mehr als 13.500 Künstler haben die Erklärung unterschrieben.", "Rund 600 Menschen haben die Petition unterzeichnet."],
        "pt": ["Mais de 13.500 artistas assinaram a declaração.", "Cerca de 600 pessoas assinaram a petição."],
        "id": ["Lebih dari 13.500 seniman menandatangani pernyataan itu.", "Sekitar 600 orang telah menandatangani petisi."],
        "ja": ["声明には1万3500人以上が署名した。", "約600人が請願に署名した。"],
        "zh": ["超过13500名艺术家签署了声明。", "约600人在请愿书上签名。"],
    ]
    static let traps: [String: [String]] = [
        "en": ["The company was valued at $157 billion.", "Users could make 10-second clips at 1080p for 3 hours."],
        "it": ["L'azienda è valutata 157 miliardi di dollari.", "Gli utenti potevano creare clip di 10 secondi in 1080p."],
        "fr": ["L'entreprise est évaluée à 157 milliards de dollars.", "Les utilisateurs pouvaient créer des clips de 10 secondes en 1080p."],
        "es": ["La empresa está valorada en 157 mil millones de dólares.", "Los usuarios podían crear clips de 10 segundos en 1080p."],
        "de": ["Das Unternehmen wird mit 157 Milliarden Dollar bewertet.", "Nutzer konnten 10 Sekunden lange Clips in 1080p erstellen."],
        "pt": ["A empresa está avaliada em 157 mil milhões de dólares.", "Os utilizadores podiam criar clipes de 10 segundos em 1080p."],
        "id": ["Perusahaan itu bernilai $157 miliar.", "Pengguna bisa membuat klip 10 detik dengan resolusi 1080p."],
        "ja": ["同社の評価額は1570億ドルだ。", "利用者は1080pの10秒の動画を作成できた。"],
        "zh": ["该公司估值1570亿美元。", "用户可以制作10秒的1080p视频。"],
    ]

    /// Documents of about 3 KB: twelve sentences of prose, two figures, two traps, in paragraphs.
    /// Dense documents hold no prose: every sentence has a number (eight figures, eight traps).
    static func documents(megabytes: Int, dense: Bool = false) -> [String] {
        var state: UInt64 = 42
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let languages = prose.keys.sorted()
        var result: [String] = []
        var bytes = 0
        while bytes < megabytes * 1_000_000 {
            let language = languages[random(languages.count)]
            var sentences = dense ? [] : (0..<12).map { _ in prose[language]![random(4)] }
            for _ in 0..<(dense ? 8 : 2) { sentences.insert(figures[language]![random(figures[language]!.count)], at: random(sentences.count + 1)) }
            for _ in 0..<(dense ? 8 : 2) { sentences.insert(traps[language]![random(2)], at: random(sentences.count + 1)) }
            let separator = language == "ja" || language == "zh" ? "" : " "
            let document = stride(from: 0, to: sentences.count, by: 4).map { sentences[$0..<min($0 + 4, sentences.count)].joined(separator: separator) }.joined(
                separator: "\n\n")
            result.append(document)
            bytes += document.utf8.count
        }
        return result
    }

    /// The in-process speeds, sparse and dense, for the summary line.
    nonisolated(unsafe) static var speeds: [(megabytesPerSecond: Double, ratio: Double)] = []

    static func run(megabytes: Int) {
        run(megabytes: megabytes, dense: false)
        run(megabytes: megabytes, dense: true)
    }

    static func run(megabytes: Int, dense: Bool) {
        let corpus = documents(megabytes: megabytes, dense: dense)
        let bytes = Double(corpus.reduce(0) { $0 + $1.utf8.count })
        // Reference: decoding the same text into Unicode scalars, which any reader of it must do.
        var start = Date()
        var scalars = 0
        for document in corpus { scalars += Array(document.unicodeScalars).count }
        let reference = Date().timeIntervalSince(start)
        let extractor = Extractor()
        start = Date()
        var found = 0
        for document in corpus { found += extractor.extract(document).count }
        let elapsed = Date().timeIntervalSince(start)
        speeds.append((bytes / 1_000_000 / elapsed, elapsed / reference))
        print(
            "extraction\(dense ? ", dense (every sentence holds a number)" : ""): \(corpus.count) generated articles in nine languages, \(String(format: "%.1f", bytes / 1_000_000)) MB, \(scalars) code points"
        )
        print(
            String(
                format: "  extractor (language detected per article, one core): %.2f s, %.1f MB/s, %d figures (%.1f per article)",
                elapsed, bytes / 1_000_000 / elapsed, found, Double(found) / Double(corpus.count)))
        print(
            String(
                format: "  reference, decoding the text to code points: %.2f s, %.1f MB/s; the extractor takes %.1fx as long",
                reference, bytes / 1_000_000 / reference, elapsed / reference))
    }

    /// Runs `petitions extract` on files of two sizes: time and peak memory (flat: the input streams).
    static func runCommand(petitions: String, scratch: URL, megabytes: [Int]) throws {
        for size in megabytes {
            let path = scratch.appendingPathComponent("articles-\(size).txt").path
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            for document in documents(megabytes: size) { handle.write(Data((document + "\n\n").utf8)) }
            try handle.close()
            let result = try measure(petitions, ["extract", "--format", "jsonl", path])
            let figures = result.output.split(separator: "\n").count
            print(
                String(
                    format: "  petitions extract on a %d MB file: %.2f s, %.1f MB/s, %.1f MiB peak memory, %d figures",
                    size, result.seconds, Double(size) / result.seconds, Double(result.maxRSSKiB) / 1024, figures))
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Scores the extractor on published passages (`../shared/extraction/real-dev.jsonl`, or
    /// `$PETITIONS_REAL_DEV`) the way `score-extraction` does: a found figure matches a gold one
    /// with the same value and metric (and high end, for a range). Third-party text, read at run
    /// time and never stored in the project. Prints the `extract-real:` line; nothing when the file
    /// is absent.
    static func scoreRealText() {
        let path = ProcessInfo.processInfo.environment["PETITIONS_REAL_DEV"] ?? "../shared/extraction/real-dev.jsonl"
        guard let data = FileManager.default.contents(atPath: path) else {
            print("extract-real: skipped (no \(path); set PETITIONS_REAL_DEV to score another set)")
            return
        }
        struct Tally { var tp = 0, fp = 0, fn = 0, qualifierRight = 0 }
        var total = Tally()
        var byLanguage: [String: Tally] = [:]
        let extractor = Extractor()
        for line in data.split(separator: 0x0A) where !line.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], let text = object["text"] as? String,
                let lang = object["lang"] as? String, var gold = object["figures"] as? [[String: Any]]
            else { continue }
            var tally = Tally()
            for found in extractor.extract(text, language: Language(rawValue: lang)) {
                let hit = gold.firstIndex { figure in
                    figure["value"] as? Int == found.value && figure["metric"] as? String == found.metric.rawValue
                        && (figure["high"] as? Int == nil || figure["high"] as? Int == found.high)
                }
                guard let hit else {
                    tally.fp += 1
                    continue
                }
                tally.tp += 1
                if gold[hit]["qualifier"] as? String == found.qualifier.rawValue { tally.qualifierRight += 1 }
                gold.remove(at: hit)
            }
            tally.fn += gold.count
            byLanguage[lang, default: Tally()].tp += tally.tp
            byLanguage[lang, default: Tally()].fp += tally.fp
            byLanguage[lang, default: Tally()].fn += tally.fn
            byLanguage[lang, default: Tally()].qualifierRight += tally.qualifierRight
            total.tp += tally.tp
            total.fp += tally.fp
            total.fn += tally.fn
            total.qualifierRight += tally.qualifierRight
        }
        func ratio(_ a: Int, _ b: Int, digits: Int = 2) -> String { b == 0 ? "-" : String(format: "%.\(digits)f", Double(a) / Double(b)) }
        let perLanguage = byLanguage.keys.sorted().map { lang in
            let t = byLanguage[lang]!
            return "\(lang):\(ratio(t.tp, t.tp + t.fp))/\(ratio(t.tp, t.tp + t.fn))"
        }.joined(separator: ",")
        print("  real text: \(path), \(total.tp) figures found right, \(total.fp) wrong, \(total.fn) missed (per_lang is precision/recall)")
        print(
            "extract-real: precision=\(ratio(total.tp, total.tp + total.fp, digits: 3)) recall=\(ratio(total.tp, total.tp + total.fn, digits: 3)) qualifier=\(ratio(total.qualifierRight, total.tp, digits: 3)) per_lang=\(perLanguage)"
        )
    }

    /// The part's last line: `extract: sparse_mb_s=S dense_mb_s=D ratio_sparse=R ratio_dense=Q`
    /// (ratios against decoding the same text, measured in the same run).
    static func printSummary() {
        guard speeds.count == 2 else { return }
        print(
            String(
                format: "extract: sparse_mb_s=%.1f dense_mb_s=%.1f ratio_sparse=%.1f ratio_dense=%.1f",
                speeds[0].megabytesPerSecond, speeds[1].megabytesPerSecond, speeds[0].ratio, speeds[1].ratio))
    }
}
