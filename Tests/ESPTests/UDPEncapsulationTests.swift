import Testing
@testable import ESP

/// RFC 3948 §2: on port 4500 a Non-ESP Marker (four zero bytes) announces IKE, a single 0xFF
/// byte is a NAT-keepalive, anything else starts with an ESP SPI.
@Suite struct UDPEncapsulationTests {
    @Test func classifies() {
        #expect(UDPEncapsulation.classify([0xFF]) == .natKeepalive)
        #expect(UDPEncapsulation.classify([0, 0, 0, 0, 0xAA, 0xBB]) == .ike([0xAA, 0xBB]))
        #expect(UDPEncapsulation.classify([0, 0, 0, 1, 0, 0, 0, 1]) == .esp)
        #expect(UDPEncapsulation.classify([]) == .invalid)
        #expect(UDPEncapsulation.classify([0, 0, 0]) == .invalid)
        #expect(UDPEncapsulation.classify([0xFF, 0xFF]) == .invalid)
    }

    @Test func framesIKE() {
        let message: [UInt8] = [1, 2, 3]
        #expect(UDPEncapsulation.frameIKE(message) == [0, 0, 0, 0, 1, 2, 3])
        #expect(UDPEncapsulation.classify(UDPEncapsulation.frameIKE(message)) == .ike(message))
    }
}
