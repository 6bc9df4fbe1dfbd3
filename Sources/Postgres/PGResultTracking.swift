import CLibPQ
import Synchronization

/// Counts a connection's live `PGresult`s through libpq's event API (`PGEVT_RESULTCREATE` /
/// `PGEVT_RESULTDESTROY`), so tests can prove that every result is cleared on every path.
final class ResultCounter: Sendable {
    let live = Atomic<Int>(0)
    let created = Atomic<Int>(0)

    /// Registers the counter on a connection; the connection must keep `self` alive.
    func register(on connection: OpaquePointer) {
        _ = PQregisterEventProc(connection, resultCounterEventProc, "petitions.result-counter", Unmanaged.passUnretained(self).toOpaque())
    }
}

private let resultCounterEventProc: PGEventProc = { event, _, passThrough in
    guard let passThrough else { return 1 }
    let counter = Unmanaged<ResultCounter>.fromOpaque(passThrough).takeUnretainedValue()
    switch event {
    case PGEVT_RESULTCREATE, PGEVT_RESULTCOPY:
        counter.live.add(1, ordering: .relaxed)
        counter.created.add(1, ordering: .relaxed)
    case PGEVT_RESULTDESTROY:
        counter.live.subtract(1, ordering: .relaxed)
    default:
        break
    }
    return 1  // anything else makes libpq fail the operation
}
