import CMbedTLS
import Crypto

/// A negotiated IKEv2 PRF (transform type 2) and prf+ (RFC 7296 §2.13).
///
/// The function itself is a closure so that the key derivation is independent of where the
/// HMAC comes from; the product only builds the HMAC-SHA2 ones (RFC 4868) from the Crypto bridge.
public struct PseudorandomFunction {
    /// Output length of one prf call, which is also the length of SK_d, SK_pi and SK_pr (§2.14).
    public let outputSize: Int
    private let function: ([UInt8], [UInt8]) throws(CryptoError) -> [UInt8]

    public init(outputSize: Int, _ function: @escaping ([UInt8], [UInt8]) throws(CryptoError) -> [UInt8]) {
        self.outputSize = outputSize
        self.function = function
    }

    /// PRF_HMAC_SHA2_256 / _384 / _512.
    public static func hmac(_ algorithm: HashAlgorithm) -> PseudorandomFunction {
        PseudorandomFunction(outputSize: algorithm.digestSize) { (key, data) throws(CryptoError) in
            try HMAC.authenticationCode(algorithm, key: key, message: data)
        }
    }

    /// The PRF for a transform ID from a negotiated proposal, or nil for one this node lacks.
    public init?(transformID: UInt16) {
        switch transformID {
        case PseudorandomFunctionID.hmacSHA2_256: self = .hmac(.sha256)
        case PseudorandomFunctionID.hmacSHA2_384: self = .hmac(.sha384)
        case PseudorandomFunctionID.hmacSHA2_512: self = .hmac(.sha512)
        default: return nil
        }
    }

    /// prf(key, data).
    public func callAsFunction(key: [UInt8], _ data: [UInt8]) throws(CryptoError) -> [UInt8] {
        try function(key, data)
    }

    /// prf+(K, S) = T1 | T2 | …, T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n), cut to
    /// `length`. The counter is one byte, so at most 255 blocks exist (§2.13).
    public func plus(key: [UInt8], seed: [UInt8], length: Int) throws(CryptoError) -> [UInt8] {
        guard length >= 0, length <= 255 * outputSize else {
            throw CryptoError("prf+ output of \(length) bytes", code: MBEDTLS_ERR_MD_BAD_INPUT_DATA)
        }
        var output: [UInt8] = []
        output.reserveCapacity(length)
        var block: [UInt8] = []
        var counter: UInt8 = 1
        while output.count < length {
            block = try function(key, block + seed + [counter])
            output.append(contentsOf: block.prefix(length - output.count))
            counter &+= 1
        }
        return output
    }
}
