import Foundation
import PetitionsDomain
import Testing

private let base = TimeFormatting.parse("2024-10-22T00:00Z")!
private let campaign = Campaign(slug: "statement", title: "Statement", kind: .statement, launched: Day(year: 2024, month: 10, day: 22))
private let utc = TimeZone(identifier: "UTC")!

private func at(_ text: String) -> Date { TimeFormatting.parse(text)! }

private func fig(
    _ id: Int, _ outlet: String, _ value: Int, _ qualifier: Qualifier = .exact, high: Int? = nil, metric: Metric = .signatures,
    hours: Double = 0, publishedHours: Double? = nil, kind: OutletKind = .news, status: ReportedFigure.Status = .current
) -> ReportedFigure {
    let draft = FigureDraft(
        campaign: "statement", outlet: outlet, metric: metric, value: value, high: high, qualifier: qualifier,
        asOf: base.addingTimeInterval(hours * 3600), published: publishedHours.map { base.addingTimeInterval($0 * 3600) },
        method: kind == .platform ? .polled : .manual)
    return ReportedFigure(id: id, draft: draft, outletKind: kind, recorded: base, enteredBy: "test", status: status)
}

/// A platform count `value` at `hours`.
private func poll(_ id: Int, _ value: Int, hours: Double) -> ReportedFigure { fig(id, "platform", value, hours: hours, kind: .platform) }

private func basis(_ points: [(hours: Double, value: Int)]) -> Basis {
    Basis(
        kind: .platform, description: "test count",
        points: points.map {
            BasisPoint(bucketStart: base.addingTimeInterval($0.hours * 3600), asOf: base.addingTimeInterval($0.hours * 3600), value: $0.value)
        })
}

@Suite struct BucketingTests {
    @Test func hoursDaysAndIsoWeeksInUTC() {
        let moment = at("2024-10-23T17:45Z")  // a Wednesday
        #expect(Bucketing(size: .hour).start(of: moment) == at("2024-10-23T17:00Z"))
        #expect(Bucketing(size: .day).start(of: moment) == at("2024-10-23"))
        #expect(Bucketing(size: .week).start(of: moment) == at("2024-10-21"))  // Monday
        #expect(Bucketing(size: .week).start(of: at("2024-10-27T23:59Z")) == at("2024-10-21"))  // Sunday stays in the week
    }

    @Test func daysFollowTheTimeZoneAcrossDaylightSaving() {
        let london = Bucketing(size: .day, timeZone: TimeZone(identifier: "Europe/London")!)
        // 23:30 UTC on 1 July is 00:30 on 2 July in London (BST, UTC+1).
        #expect(london.start(of: at("2024-07-01T23:30Z")) == at("2024-07-01T23:00Z"))
        // Clocks went back on 27 October 2024: that day has 25 hours.
        let starts = london.starts(from: at("2024-10-26T12:00Z"), through: at("2024-10-28T12:00Z"))
        #expect(starts == [at("2024-10-25T23:00Z"), at("2024-10-26T23:00Z"), at("2024-10-28T00:00Z")])
        #expect(starts[2].timeIntervalSince(starts[1]) == 25 * 3600)
    }

    @Test func hoursInAHalfHourZone() {
        let kolkata = Bucketing(size: .hour, timeZone: TimeZone(identifier: "Asia/Kolkata")!)
        #expect(kolkata.start(of: at("2024-10-23T17:45Z")) == at("2024-10-23T17:30Z"))
    }

    @Test func minuteBucketsCountFromLocalMidnight() {
        let kolkata = Bucketing(size: .fifteenMinutes, timeZone: TimeZone(identifier: "Asia/Kolkata")!)
        // 10:07 UTC is 15:37 in Kolkata: the bucket from 15:30 local, 10:00 UTC.
        #expect(kolkata.start(of: at("2024-10-22T10:07Z")) == at("2024-10-22T10:00Z"))
        #expect(kolkata.next(after: at("2024-10-22T10:00Z")) == at("2024-10-22T10:15Z"))
        let five = Bucketing(size: .fiveMinutes)
        #expect(
            five.starts(from: at("2024-10-22T10:03Z"), through: at("2024-10-22T10:14Z")) == [
                at("2024-10-22T10:00Z"), at("2024-10-22T10:05Z"), at("2024-10-22T10:10Z"),
            ])
        #expect(BucketSize.fiveMinutes.count(3) == "3 5-minute buckets" && BucketSize.hour.count(1) == "1 hour")
    }

    @Test func startsListEveryBucketIncludingEmptyOnes() {
        let starts = Bucketing(size: .day).starts(from: at("2024-10-22T12:00Z"), through: at("2024-10-25T01:00Z"))
        #expect(starts == [at("2024-10-22"), at("2024-10-23"), at("2024-10-24"), at("2024-10-25")])
        #expect(Bucketing(size: .day).count(from: at("2024-10-22T12:00Z"), through: at("2024-10-25T01:00Z")) == 4)
    }

    @Test func automaticSizeByspan() {
        #expect(BucketSize.automatic(span: 5 * 3600) == .fiveMinutes)  // a young petition's first polls
        #expect(BucketSize.automatic(span: 20 * 3600) == .fifteenMinutes)
        #expect(BucketSize.automatic(span: 2 * 86400) == .hour)
        #expect(BucketSize.automatic(span: 0) == .hour)  // one moment
        #expect(BucketSize.automatic(span: 30 * 86400) == .day)
        #expect(BucketSize.automatic(span: 400 * 86400) == .week)
    }
}

@Suite struct TrendSeriesTests {
    @Test func latestFigurePerSourceAndBucketWithGapsLeftOut() throws {
        let figures = [
            fig(1, "a", 10_000, hours: 2), fig(2, "a", 10_500, hours: 20),  // day 1: the later one wins
            fig(3, "a", 19_000, .over, hours: 60),  // day 3; day 2 is a gap
            fig(4, "b", 13_500, .atLeast, hours: 30),
            fig(5, "b", 99_999, hours: 31, status: .retracted),  // left out
            fig(6, "b", 16, metric: .authors, hours: 31),  // another metric
            poll(7, 9_000, hours: 1), poll(8, 12_000, hours: 23), poll(9, 15_000, hours: 40),
        ]
        let trend = Trends.trend(
            campaign: campaign, figures: figures, metric: .signatures, bucketing: Bucketing(size: .day),
            from: base, through: base.addingTimeInterval(70 * 3600), names: ["a": "Outlet A"])
        #expect(trend.buckets.count == 3)
        #expect(trend.series.map(\.source) == [.platform("platform"), .outlet("a"), .outlet("b")])
        let a = trend.series[1]
        #expect(a.name == "Outlet A")
        #expect(a.points.map(\.figureID) == [2, 3])
        #expect(a.points.map(\.bucketStart) == [base, base.addingTimeInterval(2 * 86400)])
        #expect(a.points.map(\.gained) == [nil, 8_500])
        #expect(a.points[1].interval == CountInterval(low: 19_001, high: nil))
        #expect(trend.series[2].points.map(\.figureID) == [4])
        #expect(trend.series[0].points.map(\.value) == [12_000, 15_000])
    }

    @Test func basisPrefersThePlatformCount() throws {
        let figures = [fig(1, "a", 10_000, hours: 2), poll(2, 9_000, hours: 1), poll(3, 12_000, hours: 30)]
        let trend = Trends.trend(
            campaign: campaign, figures: figures, metric: .signatures, bucketing: Bucketing(size: .day), from: base, through: base.addingTimeInterval(40 * 3600)
        )
        let basis = try #require(Trends.basis(of: trend))
        #expect(basis.kind == .platform)
        #expect(basis.points.map(\.value) == [9_000, 12_000])
    }

    @Test func basisWithoutAPlatformIsTheMedianOfReports() throws {
        let figures = [
            fig(1, "a", 10_000, hours: 2), fig(2, "b", 10_500, hours: 6), fig(3, "c", 11_500, .over, hours: 30),
            fig(4, "d", 13_000, .over, hours: 36), fig(5, "e", 13_500, .about, hours: 40),
        ]
        let trend = Trends.trend(
            campaign: campaign, figures: figures, metric: .signatures, bucketing: Bucketing(size: .day), from: base, through: base.addingTimeInterval(40 * 3600)
        )
        let basis = try #require(Trends.basis(of: trend))
        #expect(basis.kind == .reported)
        #expect(basis.points.map(\.value) == [10_250, 13_000])
        #expect(basis.points[0].low == 10_000 && basis.points[0].high == 10_500)
        #expect(basis.points[1].low == 11_501 && basis.points[1].high == nil)  // "over" leaves the band open above
    }
}

@Suite struct GrowthTests {
    @Test func gainsPerBucketRateAndSpeedingUp() throws {
        let growth = Growth.measure(basis([(0, 1_000), (24, 2_000), (48, 4_000), (72, 8_000)]), window: 7 * 86400)
        #expect(growth.steps.map(\.gained) == [nil, 1_000, 2_000, 4_000])
        #expect(growth.steps[3].ratePerDay == 4_000)
        #expect(growth.gained == 7_000)
        let perDay = try #require(growth.ratePerDay), perHour = try #require(growth.ratePerHour)
        #expect(abs(perDay - 7_000.0 / 3) < 1e-6)
        #expect(abs(perHour - 7_000.0 / 72) < 1e-6)
        #expect(growth.acceleration == .speedingUp)
        #expect(growth.earlierRatePerDay == 1_000)  // 0 → 24 h, the count nearest the middle (36 h) is at 24 h
        #expect(growth.laterRatePerDay == 3_000)
    }

    @Test func slowingDownAndSteady() {
        #expect(Growth.measure(basis([(0, 0), (24, 5_000), (48, 6_000)]), window: 7 * 86400).acceleration == .slowingDown)
        #expect(Growth.measure(basis([(0, 0), (24, 1_000), (48, 2_050)]), window: 7 * 86400).acceleration == .steady)
    }

    @Test func theWindowLimitsWhatIsMeasured() {
        let growth = Growth.measure(basis([(0, 0), (100, 1_000), (110, 1_100), (120, 1_200)]), window: 24 * 3600)
        #expect(growth.gained == 200)
        #expect(growth.windowStart == base.addingTimeInterval(100 * 3600))
        #expect(growth.ratePerDay == 240)
    }

    @Test func oneCountIsNotARate() {
        let growth = Growth.measure(basis([(0, 500)]), window: 86400)
        #expect(growth.ratePerDay == nil)
        #expect(growth.summary == "one count so far: growth needs two at different times")
        #expect(Growth.measure(basis([(0, 500), (100, 600)]), window: 86400).summary.contains("widen the window"))
    }

    @Test func gapsSpanSeveralBuckets() {
        let growth = Growth.measure(basis([(0, 100), (72, 400)]), window: 7 * 86400)
        #expect(growth.steps[1].since == base)
        #expect(growth.steps[1].ratePerDay == 100)
    }
}

/// Projections as of an hour after the latest count (they are dated against the clock).
private func projectedAtLastCount(_ basis: Basis, targets: [ProjectionTarget], window: TimeInterval, closed: Day? = nil) -> [Projection] {
    let now = (basis.points.map(\.asOf).max() ?? base).addingTimeInterval(3600)
    return Projection.project(basis, targets: targets, window: window, closed: closed, now: now)
}

@Suite struct ProjectionTests {
    @Test func linearGrowthReachesTheThresholdOnTime() throws {
        // 1,000 a day, perfectly steady: 10,000 is reached 5 days after the 5,000 count.
        let counts = (0...5).map { (Double($0) * 24, $0 * 1_000) }
        let targets = ProjectionTarget.targets(goal: nil, requested: [], current: 5_000)
        #expect(targets.map(\.value) == [10_000, 100_000])
        let projections = projectedAtLastCount(basis(counts), targets: targets, window: 7 * 86400)
        guard case .projected(let estimate, let earliest, let latest) = projections[0].outcome else { Issue.record("\(projections[0].outcome)"); return }
        #expect(abs(estimate.timeIntervalSince(base.addingTimeInterval(10 * 86400))) < 1)
        // A perfect fit has no uncertainty.
        #expect(earliest.map { abs($0.timeIntervalSince(estimate)) < 1 } == true)
        #expect(latest.map { abs($0.timeIntervalSince(estimate)) < 1 } == true)
        #expect(projections[0].method.contains("least squares"))
        #expect(projections[0].ratePerDay.map { abs($0 - 1_000) < 0.001 } == true)
    }

    @Test func noisyGrowthGivesARangeAroundTheEstimate() throws {
        let counts: [(Double, Int)] = [(0, 0), (24, 1_300), (48, 1_800), (72, 3_200), (96, 3_900)]
        let projection = projectedAtLastCount(basis(counts), targets: [ProjectionTarget(value: 10_000, kind: .requested)], window: 30 * 86400)[0]
        guard case .projected(let estimate, let earliest?, let latest) = projection.outcome else { Issue.record("\(projection.outcome)"); return }
        #expect(earliest < estimate)
        if let latest { #expect(latest > estimate) }
    }

    @Test func flatOrFallingCountsNeverGetThere() {
        let projection = projectedAtLastCount(
            basis([(0, 5_000), (24, 5_000), (48, 4_990)]), targets: [ProjectionTarget(value: 10_000, kind: .threshold)], window: 7 * 86400)[0]
        #expect(projection.outcome == .notAtCurrentRate)
        #expect(projection.summary == "threshold 10,000: not at the current rate")
    }

    @Test func reachedTargetsSayWhen() {
        let projection = projectedAtLastCount(
            basis([(0, 9_000), (24, 10_200)]), targets: [ProjectionTarget(value: 10_000, kind: .threshold)], window: 7 * 86400)[0]
        #expect(projection.outcome == .reached(base.addingTimeInterval(86400)))
    }

    @Test func closedCampaignsAndTooFewCounts() {
        let target = [ProjectionTarget(value: 10_000, kind: .goal)]
        #expect(
            projectedAtLastCount(basis([(0, 1), (24, 2)]), targets: target, window: 7 * 86400, closed: Day(year: 2024, month: 11, day: 1))[0].outcome
                == .unavailable("closed on 2024-11-01 before reaching it"))
        guard case .unavailable(let reason) = projectedAtLastCount(basis([(0, 1)]), targets: target, window: 7 * 86400)[0].outcome else {
            Issue.record("expected unavailable"); return
        }
        #expect(reason == "one count so far: a projection needs two or more")
    }

    @Test func threeCountsProjectAndTwoAreTooSoon() {
        let projection = projectedAtLastCount(
            basis([(0, 0), (12, 500), (24, 1_000)]), targets: [ProjectionTarget(value: 2_000, kind: .requested)], window: 7 * 86400)[0]
        guard case .projected(let estimate, _, _) = projection.outcome else { Issue.record("\(projection.outcome)"); return }
        #expect(abs(estimate.timeIntervalSince(base.addingTimeInterval(2 * 86400))) < 1)
        let early = projectedAtLastCount(basis([(0, 0), (24, 1_000)]), targets: [ProjectionTarget(value: 2_000, kind: .requested)], window: 7 * 86400)[0]
        #expect(early.summary == "requested 2,000: too soon to tell: 2 counts over 24 h; a rate needs at least 3 counts over at least 30 min")
    }

    /// Polls seconds apart give no rate and no projection (1,234, 1,600, 1,550 in 6 s was
    /// "5,312,033 a day" and a debate "about" today).
    @Test func pollsSecondsApartAreTooSoonToTell() {
        let seconds = basis([(0, 1_234), (2.0 / 3600, 1_600), (6.0 / 3600, 1_550)])
        let growth = Growth.measure(seconds, window: 7 * 86400, minimumSpan: Growth.minimumSpan(bucketLength: 3600))
        #expect(growth.ratePerDay == nil)
        #expect(growth.summary == "too soon to tell: 3 counts over 6 s; a rate needs at least 3 counts over at least 60 min")
        let projection = Projection.project(
            seconds, targets: [ProjectionTarget(value: 100_000, kind: .threshold, name: "debate")], window: 7 * 86400,
            now: base.addingTimeInterval(10), minimumSpan: 3600)[0]
        #expect(projection.summary.hasPrefix("debate 100,000: too soon to tell"))
    }

    /// A projection is never dated in the past, and a count silent for long is not extended.
    @Test func projectionsInThePastSayNoDataSince() {
        let counts = basis([(0, 1_000), (24, 2_000), (48, 3_000)])
        let target = [ProjectionTarget(value: 100_000, kind: .threshold)]
        let late = Projection.project(counts, targets: target, window: 7 * 86400, now: TimeFormatting.parse("2026-12-07T12:00Z")!)[0]
        #expect(late.summary == "threshold 100,000: no data since 2024-10-24 00:00 UTC")
        let silent = Projection.project(counts, targets: target, window: 7 * 86400, now: base.addingTimeInterval(80 * 3600))[0]
        #expect(silent.summary == "threshold 100,000: no data since 2024-10-24 00:00 UTC")
        let fresh = Projection.project(counts, targets: target, window: 7 * 86400, now: base.addingTimeInterval(50 * 3600))[0]
        #expect(fresh.summary.hasPrefix("threshold 100,000: about "))
    }

    @Test func targetsIncludeGoalRequestsAndTheNextRoundThresholds() {
        #expect(
            ProjectionTarget.targets(goal: 50_000, requested: [25_000], current: 13_500).map(\.label)
                == ["requested 25,000", "goal 50,000", "threshold 100,000"])
        // The UK Parliament's two thresholds both apply to a petition at 5,000.
        #expect(ProjectionTarget.targets(goal: nil, requested: [], current: 5_000).map(\.value) == [10_000, 100_000])
    }
}

@Suite struct FirstReporterTests {
    @Test func firstOutletAndTheLagOfEveryRepeat() throws {
        let figures = [
            fig(1, "washington-post", 600, .about, hours: 20, publishedHours: 21),
            fig(2, "italian", 600, .about, hours: 20, publishedHours: 33),
            fig(3, "indonesian", 600, .about, hours: 20, publishedHours: 34),
            fig(4, "italian", 600, .about, hours: 20, publishedHours: 40),  // the same outlet again: counted once
            fig(5, "japanese", 380, .about, metric: .verifiedSignatures, hours: 27, publishedHours: 28),
            fig(6, "platform", 600, hours: 19, kind: .platform),  // the platform is not a reporter
        ]
        let reports = FirstReporters.firstReports(figures)
        #expect(reports.count == 2)
        let six = try #require(reports.first { $0.value == 600 })
        #expect(six.first.outlet == "washington-post")
        #expect(six.repeats.map(\.outlet) == ["italian", "indonesian"])
        #expect(six.repeats.map(\.lag) == [12 * 3600, 13 * 3600])
        #expect(reports.first { $0.metric == .verifiedSignatures }?.repeats.isEmpty == true)
    }

    @Test func unpublishedFiguresCountFromTheirAsOfTime() {
        let reports = FirstReporters.firstReports([fig(1, "a", 100, hours: 5), fig(2, "b", 100, hours: 2, publishedHours: 4)])
        #expect(reports[0].first.outlet == "b")
        #expect(reports[0].repeats[0].lag == 3600)
    }

    @Test func lagBehindThePlatform() throws {
        let readings = [(1, 9_000.0), (5, 10_000), (12, 12_000), (30, 14_000)].map { hours, value in
            TrendPoint(bucketStart: base, figureID: 0, value: Int(value), asOf: base.addingTimeInterval(Double(hours) * 3600))
        }
        let figures = [fig(1, "a", 10_000, hours: 10, publishedHours: 13), fig(2, "b", 13_000, .over, hours: 12, publishedHours: 13)]
        let lags = FirstReporters.platformLags(figures, platform: "platform", readings: readings)
        #expect(lags.count == 2)
        #expect(lags[0].platformValue == 12_000)
        #expect(lags[0].behindBy == 2_000)
        #expect(lags[0].platformReached == base.addingTimeInterval(5 * 3600))
        #expect(lags[0].timeBehind.map { abs($0 - 8 * 3600) < 1e-3 } == true)
        // "more than 13,000" when the platform showed 12,000: ahead of the count, never reached by then.
        #expect(lags[1].behindBy == -1_000)
        #expect(lags[1].timeBehind == nil)
    }
}

@Suite struct AlignmentTests {
    @Test func daysSinceLaunchOrSinceTheFirstCount() throws {
        let figures = [poll(1, 100, hours: 12), poll(2, 300, hours: 60)]
        let trend = Trends.trend(
            campaign: campaign, figures: figures, metric: .signatures, bucketing: Bucketing(size: .day), from: base, through: base.addingTimeInterval(70 * 3600)
        )
        let aligned = try #require(Trends.aligned(trend))
        #expect(aligned.points.map(\.day) == [0.5, 2.5])
        #expect(aligned.originDescription == "launch 2024-10-22")
        var unlaunched = trend
        unlaunched.campaign.launched = nil
        #expect(try #require(Trends.aligned(unlaunched)).points.map(\.day) == [0, 2])
    }
}

/// Growth read off outlets' figures says only what the figures allow: no platform events, no
/// rate from a flagged figure, and gains as the least their intervals allow.
@Suite struct ReportedGrowthTests {
    func analysis(_ figures: [ReportedFigure], hours: Double, flagging: Bool = true) -> TrendAnalysis {
        let trend = Trends.trend(
            campaign: campaign, figures: figures, metric: .signatures, bucketing: Bucketing(size: .day), from: base,
            through: base.addingTimeInterval(hours * 3600))
        let comparison = Comparison.compare(campaign: campaign, figures: figures, now: base.addingTimeInterval(hours * 3600 + 3600))
        let flagged = flagging ? comparison.wrongFigures : []
        return TrendAnalysis.analyze(trend, reports: figures, window: 7 * 86400, excluding: flagged, now: base.addingTimeInterval(hours * 3600 + 3600))
    }

    /// "more than 500" after "about 600", with no platform at all, is no fall and no removal.
    @Test func anOpenFigureAfterAnotherIsNoFall() throws {
        let result = analysis([fig(1, "a", 600, .about, hours: 2), fig(2, "b", 500, .over, hours: 30)], hours: 30)
        let growth = try #require(result.growth)
        #expect(growth.falls.isEmpty)
        #expect(growth.ratePerDay == nil)
        #expect(growth.summary.contains("do not show the count grew"), "\(growth.summary)")
        #expect(result.projections.allSatisfy { if case .unavailable = $0.outcome { true } else { false } })
    }

    /// Gains from intervals are lower bounds: "about 10,000" (9,000-11,000) then "more than 19,000"
    /// (19,001+) a day later is at least 8,001.
    @Test func gainsAreTheLeastTheIntervalsAllow() throws {
        let growth = try #require(analysis([fig(1, "a", 10_000, .about, hours: 2), fig(2, "b", 19_000, .over, hours: 26)], hours: 26, flagging: false).growth)
        #expect(growth.isLowerBound && growth.gained == 8_001)
        #expect(growth.summary.hasPrefix("at least +8,001 from 2024-10-22 02:00 to 2024-10-23 02:00 UTC (at least 8,001 a day"), "\(growth.summary)")
        #expect(growth.acceleration == nil)
    }

    /// A figure `compare` flags as a metric mix-up (16 authors reported as 16 signatures) is no
    /// basis for a rate: it gave "speeding up (-1,168 → 597 a day)".
    @Test func aFlaggedFigureIsLeftOut() throws {
        let figures = [
            fig(1, "a", 16, metric: .authors, hours: 1), fig(2, "b", 600, .about, hours: 2), fig(3, "c", 16, hours: 20), fig(4, "d", 610, .about, hours: 40),
            fig(5, "e", 640, .about, hours: 60),
        ]
        let result = analysis(figures, hours: 60)
        let growth = try #require(result.growth)
        #expect(!result.basis!.points.contains { $0.value == 16 }, "\(result.basis!.points)")
        #expect(growth.falls.isEmpty && growth.acceleration == nil && growth.ratePerDay == nil)
        #expect(growth.summary.contains("do not show the count grew"), "\(growth.summary)")
    }
}
