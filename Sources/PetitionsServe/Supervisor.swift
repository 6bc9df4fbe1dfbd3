import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps `petitions serve` answering when its serving process dies. The command binds the
/// listening socket itself, then runs the service in a child process that inherits it; a child
/// killed by a signal (a trap, the OOM killer) is started again on the same socket, and the
/// connections that arrive meanwhile wait in the socket's backlog. SIGTERM and SIGINT are passed
/// to the child, whose own graceful stop decides the exit status.
enum Supervisor {
    /// Set in the serving process: the descriptor of the inherited listening socket.
    static let descriptorVariable = "PETITIONS_SERVE_LISTEN_FD"
    /// More restarts than this within `restartWindow` seconds is a crash loop: give up.
    static let maximumRestarts = 10
    static let restartWindow: TimeInterval = 60

    /// The inherited listening socket, in the serving process.
    static var inheritedDescriptor: Int32? {
        ProcessInfo.processInfo.environment[descriptorVariable].flatMap { Int32($0) }.flatMap { $0 >= 0 ? $0 : nil }
    }

    /// A listening TCP socket on `host:port` (a name or an address; port 0 picks one), left open
    /// across exec for the child, and the port it got.
    static func listen(host: String, port: Int) throws -> (descriptor: Int32, port: Int) {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw SupervisorError("cannot listen on \(host):\(port): the address does not resolve; use an address such as 127.0.0.1, 0.0.0.0 or [::1]")
        }
        defer { freeaddrinfo(first) }
        let descriptor = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SupervisorError("cannot open a socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0, Glibc.listen(descriptor, 1024) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw SupervisorError("cannot listen on \(host):\(port): \(reason); choose another port (0 picks a free one)")
        }
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        var actual = port
        if bound == 0 {
            let family = address.ss_family
            let stored = address
            actual = withUnsafeBytes(of: stored) { bytes in
                family == sa_family_t(AF_INET6)
                    ? Int(UInt16(bigEndian: bytes.load(fromByteOffset: MemoryLayout<sockaddr_in6>.offset(of: \.sin6_port)!, as: UInt16.self)))
                    : Int(UInt16(bigEndian: bytes.load(fromByteOffset: MemoryLayout<sockaddr_in>.offset(of: \.sin_port)!, as: UInt16.self)))
            }
        }
        return (descriptor, actual)
    }

    /// Runs this program again as the serving process, as long as it dies by a signal.
    /// - Returns: the exit status to end with: the child's own when it exits, 128 + signal when it
    ///   was killed while stopping, 1 after a crash loop.
    static func supervise(descriptor: Int32) -> Int32 {
        SupervisorSignals.install()
        var restarts: [Date] = []
        while true {
            guard let child = spawn(descriptor: descriptor) else {
                FileHandle.standardError.write(Data("petitions serve: cannot start the serving process: \(String(cString: strerror(errno)))\n".utf8))
                return 1
            }
            SupervisorSignals.child.store(child, ordering: .sequentiallyConsistent)
            if SupervisorSignals.stopping.load(ordering: .sequentiallyConsistent) { kill(child, SIGTERM) }
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1 && errno == EINTR {}
            SupervisorSignals.child.store(0, ordering: .sequentiallyConsistent)
            let signal = status & 0x7f
            if signal == 0 { return (status >> 8) & 0xff }
            if SupervisorSignals.stopping.load(ordering: .sequentiallyConsistent) { return 128 + signal }
            let now = Date()
            restarts = restarts.filter { now.timeIntervalSince($0) < restartWindow } + [now]
            if restarts.count > maximumRestarts {
                FileHandle.standardError.write(
                    Data(
                        "petitions serve: the serving process died \(restarts.count) times in \(Int(restartWindow)) s (last by signal \(signal)); giving up, see the messages above\n"
                            .utf8))
                return 1
            }
            FileHandle.standardError.write(
                Data("petitions serve: the serving process \(child) died by signal \(signal); starting another on the same socket\n".utf8))
            usleep(UInt32(min(2_000_000, 100_000 * restarts.count)))
        }
    }

    /// This executable, with the same arguments, the listening socket as descriptor 3.
    private static func spawn(descriptor: Int32) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if descriptor != 3 { posix_spawn_file_actions_adddup2(&actions, descriptor, 3) }
        var environment = ProcessInfo.processInfo.environment
        environment[descriptorVariable] = "3"
        let argv = CommandLine.arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        var all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        return posix_spawn(&pid, "/proc/self/exe", &actions, &attributes, argv, envp) == 0 ? pid : nil
    }
}

/// What the supervisor's signal handlers share with its loop: lock-free atomics, which a handler
/// (run on another thread) may touch.
enum SupervisorSignals {
    static let child = Atomic<Int32>(0)
    static let stopping = Atomic<Bool>(false)

    static func install() {
        for signal in [SIGTERM, SIGINT] {
            Glibc.signal(signal) { received in
                SupervisorSignals.stopping.store(true, ordering: .sequentiallyConsistent)
                let child = SupervisorSignals.child.load(ordering: .sequentiallyConsistent)
                if child > 0 { kill(child, received) }
            }
        }
    }
}

struct SupervisorError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
