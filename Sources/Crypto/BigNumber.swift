import CMbedTLS

/// An mbedTLS multi-precision integer with a fixed address, freed (and zeroized, for secrets) with
/// its owner.
final class BigNumber {
    let mpi = UnsafeMutablePointer<mbedtls_mpi>.allocate(capacity: 1)

    init() { mbedtls_mpi_init(mpi) }

    deinit {
        mbedtls_mpi_free(mpi)
        mpi.deallocate()
    }

    /// Big-endian, left-padded with zeros to `size` bytes.
    func bytes(size: Int) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        let status = out.withUnsafeMutableBufferPointer { mbedtls_mpi_write_binary(mpi, $0.baseAddress, $0.count) }
        if status != 0 { throw CryptoError("mbedtls_mpi_write_binary", code: status) }
        return out
    }

    func read(_ bytes: ArraySlice<UInt8>) throws(CryptoError) {
        let status = bytes.withUnsafeBufferPointer { mbedtls_mpi_read_binary(mpi, $0.baseAddress, $0.count) }
        if status != 0 { throw CryptoError("mbedtls_mpi_read_binary", code: status) }
    }
}
