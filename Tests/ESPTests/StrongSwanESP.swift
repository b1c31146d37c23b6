/// ESP packets from a real strongSwan 5.9.8 exchange (kernel-libipsec, userspace ESP on UDP 4500),
/// captured with tcpdump between two network namespaces on 2026-12-03, and the Child SA keys from
/// the initiator's charon log (`chd = 4`: "encryption initiator key => …"). ESP `aes256gcm16`,
/// no ESN. The same exchange's IKE messages are in Tests/IKEv2Tests/StrongSwanExchange.swift.
enum StrongSwanESP {

    /// Responder → initiator, SPI a802e204, sequence 1 (UDP 4500 payload).
    static let fromResponder = hex("""
        a802e2040000000125e6ad6849ee03960c4267302a065f5dbbc5decf257849edb1c6a3c88e5d08cd5bdc9a7ee48c5023\
        32e017cde5853612de4d32dcf75da665956cc99e00d562db7a229b90fe91f1432312453d
        """)

    /// Initiator → responder, SPI 69a548f3, sequence 1: UDP fd00:f::1.40000 → fd00:9::9.7017.
    static let fromInitiator1 = hex("""
        69a548f3000000011657b2ea13b304bc31b72a0203236603189df945cd107607fb2b2bf64a09da2bb4422ae22c1b7558\
        fd84b9eec57d9c80f8671d9c68dff71e68b5dace4b3b4fdc8591cf9352923154fddbc3d9872a478575e38b73906c9af7\
        b96cc8c6db674e44
        """)

    /// Initiator → responder, sequence 2.
    static let fromInitiator2 = hex("""
        69a548f3000000021657b2ea13b304bfef0361e22d7f7793859f097d004dca333481bf5da132a3ac0174ea161880b5cd\
        7dfa015a04cda0a9a255feca38b18a8e4c63204b94aa58a36dada51a3064058e3d11cca349e508c9357d96c7797de6db
        """)

    /// charon log: "encryption initiator key" (AES-256 key + salt).
    static let initiatorKey = hex("""
        7efef5ce8f7e76af8d5929dc76772f6555f565188842efd0ea56aaab26403546abb14c1e
        """)

    /// charon log: "encryption responder key".
    static let responderKey = hex("""
        5aa79fae855fc21bccbecdf4deb363ff8934a439916443312a53e2c507874de480695a96
        """)

}
