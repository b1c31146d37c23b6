/// A real exchange between two strongSwan 5.9.8 charons (Debian bookworm packages), captured
/// with tcpdump on a veth pair between two network namespaces on 2026-12-03:
/// `aes256gcm16-prfsha256-ecp256`, ESP `aes256gcm16`, ECDSA P-256 certificates, IDs fd00:f::1
/// (initiator) and fd00:f::2, tunnel mode ::/0. Both charons saw NAT (IPv6, no NAT: a quirk of
/// that run), so IKE_AUTH onwards travels on UDP 4500 behind the non-ESP marker (RFC 3948).
/// The keys are the initiator's charon log at `ike = 4, chd = 4` ("Sk_ei secret => …").
/// Nothing here was produced by this project's code.
enum StrongSwanExchange {

    /// IKE_SA_INIT request (UDP 500 payload).
    static let saInitRequest = hex("""
        ed629258bbca168900000000000000002120220800000000000001082200002800000024010100030300000c01000014\
        800e0100030000080200000500000008040000132800004800130000ce902bcdccaaf97e335c6547018094ecfde02d9c\
        6346ca7fcf7c682c72efc49b1268e2150e9a73bf49d8158b64ce65d9c224690b74b9c37ab3e4802ec96535c729000024\
        78c60c4526de3575019276f714f01c9e29c57c3d20f08f444c9493cc70cd99512900001c00004004b1295b1562c78d75\
        b0e8ba7965316eb82ea077e92900001c00004005c8aa8a875491961c75ff716b3215a8bd600f3bbd290000080000402e\
        290000100000402f00020003000400050000000800004016
        """)

    /// IKE_SA_INIT response (UDP 500 payload).
    static let saInitResponse = hex("""
        ed629258bbca1689efbd030708f4cc262120222000000000000001292200002800000024010100030300000c01000014\
        800e0100030000080200000500000008040000132800004800130000a59ffe3d74dbdde730769bc3864d70cb253a9c89\
        d910a13283d605310019238b9f2cc5e6183e8ab0c3bb35580e831ab3112f99372cf0e5d410d079c5fa380b9829000024\
        054c4bcde080b20aa5978549459a7b6fe899b2c166b01f97e5a9d57b644f5b5d2900001c0000400421fcfa8375f19708\
        1c349be09ec034151d2da1142600001c00004005f6581e53ad0df526996069749054ab13f69e484b29000019043f4dea\
        713876a4f53cbc05afb68617019c298c15290000080000402e290000100000402f000200030004000529000008000040\
        220000000800004014
        """)

    /// IKE_AUTH request, UDP 4500 payload (non-ESP marker first).
    static let ikeAuthRequest4500 = hex("""
        00000000ed629258bbca1689efbd030708f4cc262e20230800000001000002ff230002e3dbcda591769998f1b46eff93\
        9cd0954d4164445655a9caace2fc632a97aa823b4bd768d2143ad07de57f29dac05bff9913e8a55f2d078c45717f4a20\
        f2f37390acf0f68a12ee9e6f92e085d6b17f4e307258f99ec688776aa8b3eda9311243e461925431bd0235ea47e63f07\
        e1e6e103129ebbd755cfc48d0897354e5f045891ab04b6dc69ffeb5ca67fa2a6bc10ca7d9404ae825e4add61b30c7d8e\
        a6ce4053dfdb81c2b8a18366b218d78c9caf18afd758b0599f7e4797c0083463db99540476af7ed5b900c078a187b1e0\
        93d77e3814975315f6ee995c9098729ab17c497f143addc16bf95c087b5474d961f8b22803b13e7fea6b681f8fa6b20a\
        fd2444b6f4ce53014517b03a17b9f3c2cc6157468550949b0f792adeac8f90508e958bb36289efc213f93bb5853c7d60\
        93ffdd38fc71200af83fe67283bdc7e74e2726a3dc7a411f670fdf2d2fb60515327354eaa0b7f0e154595b5a6d538b1e\
        6a2ed69294efc74b2f70ff1dc9c30cb55333f7fd68ba246dfade866aae60063f5125276c4afe42e699bc06751d460095\
        899a2c1ec25cef3eb5b631bea2e6733561878fcf0ca7be731a14e2a9f5710499614f14ec545b5800574c9a83fe260f58\
        56696fe00daf60d13b46e1b6332eb7c6127cf6fc542d1fc7152b4643ddd6b612f3c2cfda6645c80337b3f5cd22065ce7\
        d1ce0bb7a06b8fc1551f98d5967326052905fa72f047d522dd4f853c6c6ed6a35f76d5e4f5085ed6bd91bae11007e4c9\
        872f935d1fa763227ef4b55f3c3aa6f172793c7d5028d912e38fcbde9e7ee236fa0d86560bd0dd47aaef9d06cebcf188\
        d3cac1c4e9b77f2234cfc9e341128d99c2f6ba42cc728146a4ddcbe5e66b7e5da5edea13047e3fcdd8eb042a3e271415\
        e8c9acef1b44ff196e3c58e732040422b76a4a1c089ae34187027255654033f442d28eb5a9811a6239d990c991f1e1d0\
        f2b16c383a96d59cd2ff60a1bc7fad43d1301ddd686a713fc327beafc0734e83877e97eb00473ada9c56f33305fbfc69\
        0e615c
        """)

    /// IKE_AUTH response, UDP 4500 payload.
    static let ikeAuthResponse4500 = hex("""
        00000000ed629258bbca1689efbd030708f4cc262e20232000000001000002af2400029314e6afdabd2a13ac6034ea11\
        fef24ad9ea7c441cd1ddd84baa0e2e2111d68be5a5c047fb4f8e775515c76575d9f032dbf1b57ea0e607d032d69b4588\
        58f6bfb93af1ea04ec277934a3558c1c934f9b498cfdd899221e1143bbec706d23986d49c3874f589360ac25abd1fd69\
        6edea96aad7f98d6466a6a008d580cb3b9554f67875daf21db96dd2b2ec6e7fd2a04d64014b1fd300476b132fac2dc43\
        d1a198c2bdc0cef4025b8c754a6a103de03efe512f02a765bf5478ac9a4d31eca356b7c37ce3a81ac3223df05da75d2b\
        563810a72b52bdb1f32b5511f6ab3468b2b42fd208915a84fea675dc9a7aaaa297667e78d7b608bb805ed9e24d5f15d0\
        9cd5d5382558525ac1c2f4c4c43d33f5535deb17e252b073730f9efe0e674b0b0461fb0a983fa5aef0fba8ae49280c3a\
        ea6221394401807b7655bd45ef64392958e98b489407bf01ebcc16144977247b6adf6c4ddcce488a9e0b16ba25866418\
        f1425e43b6c3714872fbab8a721ed0260e11566e555a650b15973755505341ee7098d4109050ef3f75060a1ea190f7ad\
        c5969d245f268656d2c203882dd114fdfc718e399ee281d1d83b4c0d3013f8860a67f6dbbdc383749a4060bde075dd03\
        7b26d2311308b12ae6457d6b3fc2b283d35de82c7a1f08446a2454d111c61e1a941d5f3aac13b4b8fc30f2c5ab3e7011\
        ed01a34e3ea59fec42e26c6c8d19d0e40a5e287eb046a398ab49cd33088bf04ae5cab2dc76d5712c57d389ef1a9da955\
        88cce579da0176d60d6ccecf3065929b94553c0b6b6726c9a67361fc21092bc38c31afb3f27dc41ef5629dc84b3d29e6\
        087a93e045712ac7a0c3acf8917518ce0bf9ffc1b185ab7f04c662a8bbefe849782a65068e60a6dc8a09c285722d958b\
        6e30b8147547f3680339a53e1f1fec36b8a0c5
        """)

    /// ESP from the responder (SPI a802e204, sequence 1), UDP 4500 payload.
    static let espResponderToInitiator = hex("""
        a802e2040000000125e6ad6849ee03960c4267302a065f5dbbc5decf257849edb1c6a3c88e5d08cd5bdc9a7ee48c5023\
        32e017cde5853612de4d32dcf75da665956cc99e00d562db7a229b90fe91f1432312453d
        """)

    /// ESP from the initiator (SPI 69a548f3, sequence 1): a UDP datagram to fd00:9::9 port 7017.
    static let espInitiatorToResponder1 = hex("""
        69a548f3000000011657b2ea13b304bc31b72a0203236603189df945cd107607fb2b2bf64a09da2bb4422ae22c1b7558\
        fd84b9eec57d9c80f8671d9c68dff71e68b5dace4b3b4fdc8591cf9352923154fddbc3d9872a478575e38b73906c9af7\
        b96cc8c6db674e44
        """)

    /// ESP from the initiator, sequence 2.
    static let espInitiatorToResponder2 = hex("""
        69a548f3000000021657b2ea13b304bfef0361e22d7f7793859f097d004dca333481bf5da132a3ac0174ea161880b5cd\
        7dfa015a04cda0a9a255feca38b18a8e4c63204b94aa58a36dada51a3064058e3d11cca349e508c9357d96c7797de6db
        """)

    /// INFORMATIONAL request (Delete IKE SA), UDP 4500 payload.
    static let informationalRequest4500 = hex("""
        00000000ed629258bbca1689efbd030708f4cc262e20250800000002000000412a000025dbcda592769998f19fe38d19\
        353c75342db59fa6f4969bdf3dda3ea4bc31a29058
        """)

    /// INFORMATIONAL response, UDP 4500 payload.
    static let informationalResponse4500 = hex("""
        00000000ed629258bbca1689efbd030708f4cc262e20252000000002000000390000001d14e6afd9bd2a13acf5627123\
        416e0540bb64830ed98e9bd60a
        """)

    /// charon log: "shared Diffie Hellman secret".
    static let sharedSecret = hex("""
        23d675dde2face077cf2451cd64fc35f00d97357baf124a501c4c377ead30c1e
        """)

    /// charon log: "SKEYSEED".
    static let skeyseed = hex("""
        c6e5261198e4be306a49ed0071de84092ed8e02396cc4c46d86c1934b69a569f
        """)

    /// charon log: "Sk_d secret".
    static let skD = hex("""
        d62491f9044a16a0890284814c068a160dbb585e13f6b5da01be84d1292bb204
        """)

    /// charon log: "Sk_ei secret".
    static let skEI = hex("""
        ed6c01346bc59d3c6413cccadc57496be9971827e8e05395112aa37a4eef3372ce20e7a9
        """)

    /// charon log: "Sk_er secret".
    static let skER = hex("""
        e4c3244b7db11a2ede439eb4dba252be106840c891dd448171feeb7e861393cc98e8086a
        """)

    /// charon log: "Sk_pi secret".
    static let skPI = hex("""
        09ab3eeb7fc07b98e12224e242ef0a23fb20cb6017826ed128a08b821f7a4b33
        """)

    /// charon log: "Sk_pr secret".
    static let skPR = hex("""
        28239657fd64e2e13b37ddd90c208354ac6f387d6a564de4b6eeacd06389aecf
        """)

    /// charon log: "encryption initiator key".
    static let childInitiatorKey = hex("""
        7efef5ce8f7e76af8d5929dc76772f6555f565188842efd0ea56aaab26403546abb14c1e
        """)

    /// charon log: "encryption responder key".
    static let childResponderKey = hex("""
        5aa79fae855fc21bccbecdf4deb363ff8934a439916443312a53e2c507874de480695a96
        """)

    /// charon log: the tail of "octets = message + nonce + prf(Sk_px, IDx')" for the octets the
    /// initiator signed (prf(SK_pi, RestOfInitIDPayload)).
    static let initiatorMACedID = hex("6de4567879e4ca426380edf1e6052067fc4ea025705c66a05a4d0b5b241d071a")

    /// The same for the octets the initiator verified from the responder (prf(SK_pr, IDr')).
    static let responderMACedID = hex("f8c37867fcb642a7f87c4dd0ce80bdb3632f87f8431f2d67b4d11e29fbfe4aa0")
}
