/// Notify payload (§3.10): errors and status, optionally about one SA (by SPI).
public struct NotifyPayload: Equatable, Sendable {
    /// `.none` with an empty SPI when the notification concerns the IKE SA or no SA (§3.10).
    public var protocolID: ProtocolID
    public var spi: [UInt8]
    public var type: NotifyType
    public var data: [UInt8]

    public init(_ type: NotifyType, protocolID: ProtocolID = .none, spi: [UInt8] = [], data: [UInt8] = []) {
        self.protocolID = protocolID
        self.spi = spi
        self.type = type
        self.data = data
    }

    static func parse(_ reader: inout WireReader) throws(IKEv2WireError) -> NotifyPayload {
        let protocolID = ProtocolID(rawValue: try reader.u8("notify protocol ID"))
        let spiSize = Int(try reader.u8("notify SPI size"))
        let type = NotifyType(rawValue: try reader.u16("notify type"))
        let spi = try reader.take(spiSize, "notify SPI")
        return NotifyPayload(type, protocolID: protocolID, spi: spi, data: reader.rest())
    }

    func emit(into bytes: inout [UInt8]) {
        bytes.append(protocolID.rawValue)
        bytes.append(UInt8(truncatingIfNeeded: spi.count))
        bytes.appendU16(type.rawValue)
        bytes.append(contentsOf: spi)
        bytes.append(contentsOf: data)
    }
}

/// Delete payload (§3.11). Deleting the IKE SA itself: protocol IKE, SPI size 0, no SPIs;
/// `spiSize` is kept separately because it is meaningful even when the list is empty.
public struct DeletePayload: Equatable, Sendable {
    public var protocolID: ProtocolID
    public var spiSize: UInt8
    public var spis: [[UInt8]]

    public init(protocolID: ProtocolID, spiSize: UInt8, spis: [[UInt8]]) {
        self.protocolID = protocolID
        self.spiSize = spiSize
        self.spis = spis
    }

    /// Deletes ESP SAs by their (inbound, from the sender's view) 4-byte SPIs.
    public static func esp(_ spis: [UInt32]) -> DeletePayload {
        DeletePayload(protocolID: .esp, spiSize: 4, spis: spis.map { spi in
            var bytes: [UInt8] = []
            bytes.appendU32(spi)
            return bytes
        })
    }

    /// Deletes the IKE SA the message is protected by.
    public static let ikeSA = DeletePayload(protocolID: .ike, spiSize: 0, spis: [])

    static func parse(_ reader: inout WireReader) throws(IKEv2WireError) -> DeletePayload {
        let protocolID = ProtocolID(rawValue: try reader.u8("delete protocol ID"))
        let spiSize = try reader.u8("delete SPI size")
        let count = Int(try reader.u16("delete number of SPIs"))
        var spis: [[UInt8]] = []
        for _ in 0..<count {
            spis.append(try reader.take(Int(spiSize), "delete SPI"))
        }
        guard reader.isAtEnd else { throw reader.error(.badLength, "bytes after the last SPI") }
        return DeletePayload(protocolID: protocolID, spiSize: spiSize, spis: spis)
    }

    func emit(into bytes: inout [UInt8]) {
        bytes.append(protocolID.rawValue)
        bytes.append(spiSize)
        bytes.appendU16(UInt16(truncatingIfNeeded: spis.count))
        for spi in spis {
            // Every SPI occupies exactly spiSize bytes, whatever the caller put in the array.
            bytes.append(contentsOf: spi.prefix(Int(spiSize)))
            if spi.count < Int(spiSize) { bytes.append(contentsOf: repeatElement(0, count: Int(spiSize) - spi.count)) }
        }
    }
}
