/// Shared bits of context handling.
enum Context {
    /// CJK counters that may stand between a number and what qualifies it: 5千人を超える, 5000多个.
    static let counters: Set<Character> = ["人", "名", "件", "筆", "个", "個", "份", "位"]
}
