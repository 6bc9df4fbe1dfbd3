import PetitionsDomain

// Every table of Indonesian: adding a language is a file like this one, its case in `Language`,
// its entry in `Lexicons.all`, and tests.
extension Lexicons {
    static let indonesian = Lexicon(
        language: .id,
        functionWords: [
            "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "tidak", "dalam", "telah", "akan", "pada", "oleh", "juga", "sebuah", "para",
            "mereka",
        ],
        scales: ["ribu": 1_000, "rb": 1_000, "juta": 1_000_000, "jt": 1_000_000, "miliar": 1_000_000_000, "milyar": 1_000_000_000],
        numberWords: [
            "satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10,
            "seratus": 100,
        ],
        qualifiersBefore: [
            ("lebih dari", .over), ("lebih kurang", .about), ("melebihi", .over), ("melampaui", .over), ("sedikitnya", .atLeast),
            ("setidaknya", .atLeast), ("paling sedikit", .atLeast), ("minimal", .atLeast), ("sekitar", .about), ("kurang lebih", .about),
            ("kira-kira", .about), ("sekira", .about), ("hampir", .almost), ("nyaris", .almost), ("kurang dari", .under), ("hingga", .upTo),
            ("sampai", .upTo), ("sebanyak", .exact), ("tembus", .over), ("menembus", .over),
        ],
        qualifiersAfter: [("lebih", .over), ("atau lebih", .atLeast)],
        rangeWords: [("antara", "dan"), ("dari", "hingga")],
        signatureCues: [
            "tanda tangan", "tandatangan", "menandatangani", "ditandatangani", "penandatangan", "petisi", "surat terbuka", "surat", "pernyataan", "dukungan",
            "nama",
        ],
        authorCuesBefore: [
            "ditulis oleh", "disusun oleh", "dirancang oleh", "digagas oleh", "diprakarsai oleh", "diunggah", "diunggah oleh", "diterbitkan oleh",
            "dipublikasikan oleh", "digagas", "diprakarsai", "dimulai oleh",
        ],
        authorCuesAfter: ["menulis", "menyusun", "menggagas"],
        verifiedCues: ["sah", "terverifikasi", "diverifikasi", "dikonfirmasi", "tervalidasi", "verifikasi", "diperiksa"],
        goalCues: [
            "setiap petisi", "jika sebuah petisi", "jika petisi", "apabila sebuah petisi", "apabila petisi", "bila sebuah petisi", "membutuhkan", "butuh",
            "dibutuhkan", "diperlukan", "memerlukan", "target", "menargetkan", "ditargetkan", "ambang", "untuk mencapai", "harus mencapai", "perlu mencapai",
            "agar mencapai", "demi mencapai", "ingin", "berharap", "bertujuan", "hendak",
        ],
        silencersAfter: [
            "komentar", "hasil", "menit", "jam", "detik", "hari", "minggu", "pekan", "bulan", "tahun", "persen", "dolar", "rupiah", "euro", "karyawan",
            "pegawai",
            "video", "klip", "film", "gambar", "halaman", "km", "kali", "p", "penonton", "pengikut", "negara",
            "kota", "perusahaan", "miliar dolar", "kampanye", "petisi", "bahasa", "artikel", "unggahan", "pesan", "proyek", "lagu",
            "buku", "episode", "model", "penghargaan",
        ],
        silencersBefore: [
            "ke-", "$", "rp", "rp.", "€", "£", "halaman", "versi", "bab", "pasal", "januari", "februari", "maret", "april", "mei", "juni", "juli",
            "agustus", "september", "oktober", "november", "desember", "bernilai", "senilai", "mempekerjakan", "memecat", "usia", "berusia", "beranggotakan",
            "mewakili",
        ],
        signingVerbs: ["menandatangani", "ditandatangani", "meneken", "ikut menandatangani"],
        signedBy: ["ditandatangani oleh", "didukung oleh"],
        people: ["ilmuwan", "peneliti", "dokter", "akademisi", "penulis", "warganet", "orang", "warga", "seniman", "pengguna", "mahasiswa"],
        members: ["pengguna", "anggota"],
        petitionWords: ["petisi"],
        petitionNouns: ["petisi", "kampanye"],
        progressConnectors: ["/", "dari"],
        timesWords: ["kali"],
        changeVerbs: ["naik", "meningkat", "bertambah", "melonjak"],
        byWords: ["oleh"],
        publishStems: ["diunggah", "ditulis", "diterbitkan", "disusun"],
        adjectiveBeforeNoun: false,
        countWords: ["sejuta": 1_000_000, "seribu": 1_000, "seratus": 100],
        countWordsNotBefore: [],
        hundredsStems: ["ratus"],
        compound: CountWords.Compound(
            conjunction: nil,
            units: CountWords.phrases([
                "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
                "sembilan": 9,
            ]), tens: [], tensWord: Phrase("puluh"), teensWord: Phrase("belas")),
        ruleMarkers: ["jika", "apabila", "bila", "kalau", "setiap petisi", "harus mendapat", "harus mengumpulkan", "perlu mengumpulkan", "dibutuhkan"],
        ruleConsequences: ["ditanggapi", "tanggapan", "dibahas", "menanggapi", "direspons", "sidang", "ambang"],
        shortfallCues: ["masih kurang", "kekurangan", "lagi"],
        countNouns: ["tanda tangan", "tandatangan", "penandatangan", "dukungan", "pendukung"],
        fractionsOfScale: [("setengah", 0.5), ("seperempat", 0.25)],
        halfAfterScale: ["setengah"],
        askingVerbs: ["meminta", "menuntut", "mendesak", "mendukung", "menginginkan", "setuju"]
    )
}
