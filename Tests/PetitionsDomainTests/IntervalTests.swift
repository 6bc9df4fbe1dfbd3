import PetitionsDomain
import Testing

@Suite struct IntervalTests {
    @Test(arguments: [
        (Qualifier.exact, 600, nil as Int?, 600, 600 as Int?),
        (.about, 600, nil, 540, 660),
        (.about, 13_500, nil, 12_150, 14_850),
        (.about, 5, nil, 4, 6),  // at least 1 either side
        (.over, 13_500, nil, 13_501, nil),
        (.atLeast, 13_500, nil, 13_500, nil),
        (.almost, 10_000, nil, 9_000, 9_999),
        (.under, 200, nil, 0, 199),
        (.upTo, 200, nil, 0, 200),
        (.range, 5_000, 6_000, 5_000, 6_000),
        (.about, 0, nil, 0, 1),
    ])
    func qualifierAllows(qualifier: Qualifier, value: Int, high: Int?, low: Int, upper: Int?) {
        let interval = CountInterval(qualifier: qualifier, value: value, high: high)
        #expect(interval.low == low)
        #expect(interval.high == upper)
    }

    @Test(arguments: [
        (CountInterval(low: 540, high: 660), CountInterval(low: 600, high: 600), true),
        (CountInterval(low: 540, high: 660), CountInterval(low: 661, high: nil), false),
        (CountInterval(low: 13_501, high: nil), CountInterval(low: 19_001, high: nil), true),
        (CountInterval(low: 10_000, high: 10_000), CountInterval(low: 10_500, high: 10_500), false),
        (CountInterval(low: 0, high: 199), CountInterval(low: 199, high: 300), true),
    ])
    func overlap(a: CountInterval, b: CountInterval, overlaps: Bool) {
        #expect(a.overlaps(b) == overlaps)
        #expect(b.overlaps(a) == overlaps)
    }

    @Test func containment() {
        #expect(CountInterval(low: 13_001, high: nil).contains(CountInterval(low: 13_412, high: 13_412)))
        #expect(!CountInterval(low: 540, high: 660).contains(CountInterval(low: 600, high: nil)))
        #expect(CountInterval(low: 540, high: 660).contains(CountInterval(low: 600, high: 610)))
    }

    @Test(arguments: [
        (Qualifier.exact, 13_500, nil as Int?, "13,500"), (.about, 600, nil, "about 600"), (.over, 19_000, nil, "more than 19,000"),
        (.atLeast, 13_500, nil, "at least 13,500"), (.almost, 3_000, nil, "almost 3,000"), (.under, 200, nil, "fewer than 200"),
        (.upTo, 50, nil, "up to 50"), (.range, 5_000, 6_000, "5,000–6,000"),
    ])
    func phrases(qualifier: Qualifier, value: Int, high: Int?, phrase: String) {
        #expect(qualifier.phrase(value: value, high: high) == phrase)
    }
}
