import CBOR
import Platform

/// GRASP over TCP sends messages back to back with no length prefix (RFC 8990 §2.5.3): the end
/// of a message is the end of its CBOR item. This walks item headers only — no values are built —
/// to find that end, so the platform can cut a TCP byte stream into messages for `parse`.
public enum StreamFraming {
    public enum Framing: Equatable {
        /// The first message is this many bytes long.
        case message(length: Int)
        /// The buffer ends inside the first message.
        case incomplete
        /// Not CBOR GRASP can carry (indefinite lengths, reserved values), deeper than
        /// `maximumNesting`, or longer than `maximumSize` already: the connection is to be closed.
        case invalid
    }

    public static func firstMessage(in buffer: [UInt8], maximumSize: Int = GraspConstants.defaultMaximumSize,
                                    maximumNesting: Int = GraspConstants.maximumNesting) -> Framing {
        var offset = 0
        // Items still to read at each open level; the outermost "level" holds the one message.
        var pending: [UInt64] = [1]
        while let remaining = pending.last {
            if remaining == 0 {
                pending.removeLast()
                continue
            }
            pending[pending.count - 1] = remaining - 1
            guard offset < buffer.count else { return offset > maximumSize ? .invalid : .incomplete }
            let initial = buffer[offset]
            let major = initial >> 5
            let info = initial & 0x1F
            offset += 1
            var argument: UInt64 = UInt64(info)
            if info >= 24 {
                guard info <= 27 else { return .invalid }  // 28–30 reserved, 31 indefinite
                let size = 1 << Int(info - 24)
                guard offset + size <= buffer.count else { return offset + size > maximumSize ? .invalid : .incomplete }
                argument = 0
                for byte in buffer[offset..<offset + size] { argument = argument << 8 | UInt64(byte) }
                offset += size
            }
            switch major {
            case 2, 3:  // byte and text strings: skip the content
                guard argument <= UInt64(maximumSize) else { return .invalid }
                offset += Int(argument)
                if offset > maximumSize { return .invalid }
            case 4, 5:  // arrays and maps: their items (maps: keys and values) follow
                guard argument <= UInt64(maximumSize), pending.count <= maximumNesting else { return .invalid }
                pending.append(major == 4 ? argument : argument * 2)
            case 6:  // a tag is followed by exactly one item
                guard pending.count <= maximumNesting else { return .invalid }
                pending.append(1)
            default:  // integers and simple values are complete with their header
                break
            }
            if offset > maximumSize { return .invalid }
        }
        return offset <= buffer.count ? .message(length: offset) : (offset > maximumSize ? .invalid : .incomplete)
    }
}
