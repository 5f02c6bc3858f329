/// Why the preview could not start. The command line words them for the user.
public enum ServeError: Error, Equatable, CustomStringConvertible {
    /// Another program listens on the port.
    case portInUse(UInt16)
    /// `--host` is not an IPv4 or IPv6 address (or `localhost`).
    case invalidHost(String)
    /// Listening failed for another reason: no permission for a low port, an address not on this machine.
    case cannotListen(host: String, port: UInt16, reason: String)
    /// inotify could not be set up.
    case cannotWatch(String)

    public var description: String {
        switch self {
        case .portInUse(let port): "port \(port) is in use"
        case .invalidHost(let host): "`\(host)` is not an IP address to listen on; use 127.0.0.1, ::1 or 0.0.0.0"
        case .cannotListen(let host, let port, let reason): "cannot listen on \(host) port \(port): \(reason)"
        case .cannotWatch(let reason): "cannot watch for changes: \(reason)"
        }
    }
}
