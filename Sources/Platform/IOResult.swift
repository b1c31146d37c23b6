import CLinux

/// The outcome of a non-blocking call: done, or EAGAIN/EWOULDBLOCK surfaced as a value rather
/// than an error, because on a non-blocking fd it is the normal way of saying "wait for epoll".
public enum IOResult<Value> {
    case done(Value)
    case wouldBlock
}

extension IOResult: Equatable where Value: Equatable {}

/// True for the errno values that mean "not now" on a non-blocking fd.
func isWouldBlock(_ errno: Int32) -> Bool {
    errno == EAGAIN || errno == EWOULDBLOCK
}
