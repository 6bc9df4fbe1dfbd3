/// A SQL statement with its bound parameters.
///
/// Interpolated values become `$1`, `$2`, ... and travel as bound parameters, never as SQL text:
///
///     let query: PGQuery = "SELECT id FROM campaigns WHERE slug = \(slug)"
///
/// To splice trusted SQL text (an identifier chosen by the program, never by a user) use
/// `\(unsafeRaw: ...)`.
public struct PGQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var sql: String
    public private(set) var bindings: [PGValue]
    private var encodingError: PGError?

    public init(stringLiteral value: String) {
        sql = value
        bindings = []
    }

    /// A statement built from program-controlled SQL text and separately bound values.
    public init(unsafeSQL sql: String, bindings: [any PGEncodable] = []) {
        self.sql = sql
        self.bindings = []
        for value in bindings {
            do { self.bindings.append(try value.pgValue()) } catch { encodingError = error as? PGError ?? PGError(.encoding, message: "\(error)") }
        }
    }

    public init(stringInterpolation: StringInterpolation) {
        sql = stringInterpolation.sql
        bindings = stringInterpolation.bindings
        encodingError = stringInterpolation.error
    }

    /// Throws the first error met while encoding a bound value (for example a NUL in text),
    /// naming the parameter's position.
    func checkedBindings() throws -> [PGValue] {
        if var encodingError {
            encodingError.statement = sql
            throw encodingError
        }
        return bindings
    }

    public var description: String { sql }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var bindings: [PGValue] = []
        var error: PGError?

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) { sql += literal }

        public mutating func appendInterpolation<T: PGEncodable>(_ value: T) {
            bind { try value.pgValue() }
        }

        /// Optionals bind as NULL of the wrapped type when `nil`.
        public mutating func appendInterpolation<T: PGEncodable>(_ value: T?) {
            bind { try value.map { try $0.pgValue() } ?? .null(T.pgType) }
        }

        private mutating func bind(_ encode: () throws -> PGValue) {
            do {
                bindings.append(try encode())
            } catch {
                if self.error == nil {
                    var pgError = error as? PGError ?? PGError(.encoding, message: "\(error)")
                    pgError.message = "parameter $\(bindings.count + 1): " + pgError.message
                    self.error = pgError
                }
                bindings.append(.null(.unknown))
            }
            sql += "$\(bindings.count)"
        }

        /// Splices another query (a fragment such as a subquery) with its bound values, renumbering its
        /// `$n` placeholders after the ones already bound. The fragment must not contain `$n` text of
        /// its own (dollar-quoted bodies, or `$1` inside a string literal).
        public mutating func appendInterpolation(_ fragment: PGQuery) {
            if error == nil, let fragmentError = fragment.encodingError { error = fragmentError }
            let offset = bindings.count
            var text = ""
            var index = fragment.sql.startIndex
            while index < fragment.sql.endIndex {
                let character = fragment.sql[index]
                index = fragment.sql.index(after: index)
                guard character == "$", index < fragment.sql.endIndex, fragment.sql[index].isASCII, fragment.sql[index].isNumber else {
                    text.append(character)
                    continue
                }
                var digits = ""
                while index < fragment.sql.endIndex, fragment.sql[index].isASCII, fragment.sql[index].isNumber {
                    digits.append(fragment.sql[index])
                    index = fragment.sql.index(after: index)
                }
                text += "$\(Int(digits)! + offset)"
            }
            sql += text
            bindings += fragment.bindings
        }

        /// Splices SQL text as is. Only for program-chosen identifiers and fragments.
        public mutating func appendInterpolation(unsafeRaw text: String) { sql += text }
    }
}
