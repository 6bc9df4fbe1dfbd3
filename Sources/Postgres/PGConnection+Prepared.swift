import CLibPQ

/// A statement parsed and planned once on one connection (`PQprepare`), run many times with
/// different bound values (`PQexecPrepared`).
public struct PGPreparedStatement: Sendable, Hashable {
    public let name: String
    public let sql: String
    /// Parameter types declared at preparation (`$1`, `$2`, ...).
    public let parameterTypes: [PGType]
}

extension PGConnection {
    /// Prepares `sql` under `name` on this connection. Parameters are `$1`, `$2`, ... of `types`
    /// (use `.unknown` to let the server infer one).
    /// - Note: a prepared statement lives in its session: after the connection is re-established,
    ///   prepare it again.
    public func prepare(_ name: String, sql: String, types: [PGType]) throws -> PGPreparedStatement {
        try withHandle { handle in
            let oids = types.map { Oid($0.rawValue) }
            let result = PQprepare(handle, name, sql, Int32(oids.count), oids.isEmpty ? nil : oids)
            _ = try consumeResult(result, statement: sql)
        }
        return PGPreparedStatement(name: name, sql: sql, parameterTypes: types)
    }

    /// Runs a prepared statement with bound values, one per declared parameter.
    @discardableResult
    public func execute(_ statement: PGPreparedStatement, _ values: [any PGEncodable]) throws -> PGResult {
        guard values.count == statement.parameterTypes.count else {
            throw PGError(
                .usage, message: "prepared statement \(statement.name) takes \(statement.parameterTypes.count) values, got \(values.count)",
                statement: statement.sql)
        }
        let bindings = try values.enumerated().map { index, value in
            do { return try value.pgValue() } catch var error as PGError {
                error.message = "parameter $\(index + 1): " + error.message
                error.statement = statement.sql
                throw error
            }
        }
        return try withHandle { handle in
            let result = Self.withParameters(bindings) { count, _, values, lengths, formats in
                PQexecPrepared(handle, statement.name, count, values, lengths, formats, 0)
            }
            return try consumeResult(result, statement: statement.sql)
        }
    }
}
