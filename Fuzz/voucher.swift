// modules: CBOR ASN1 Crypto PKI JSON Voucher
// Vouchers and voucher requests from untrusted peers in every form (JSON, SID-keyed CBOR,
// COSE_Sign1, CMS) and status telemetry: never trap; whatever parses re-emits to a form that
// parses to the same value (vouchers: in their own form and in the other one).
import CLinux
import Voucher

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let voucher = try? Voucher(json: bytes) { checkVoucher(voucher) }
    if let voucher = try? Voucher(cbor: bytes) { checkVoucher(voucher) }
    if let request = try? VoucherRequest(json: bytes) { checkRequest(request) }
    if let request = try? VoucherRequest(cbor: bytes) { checkRequest(request) }
    if let message = try? COSESign1(bytes) {
        guard (try? COSESign1(message.encoded())) == message else { fail("COSE_Sign1 re-encoding") }
        _ = message.kid
        _ = message.x5bag
        if let voucher = try? Voucher(cbor: message.payload) { checkVoucher(voucher) }
        if let request = try? VoucherRequest(cbor: message.payload) { checkRequest(request) }
    }
    _ = try? Voucher(cms: bytes, signer: nil)
    if let telemetry = try? StatusTelemetry(json: bytes), (try? StatusTelemetry(json: telemetry.json())) != telemetry {
        fail("status telemetry JSON")
    }
    if let telemetry = try? StatusTelemetry(cbor: bytes), (try? StatusTelemetry(cbor: telemetry.cbor())) != telemetry {
        fail("status telemetry CBOR")
    }
    if let text = String(validating: bytes, as: UTF8.self), let date = DateAndTime(text),
       date.secondsSince1970 >= 0, date.secondsSince1970 < 253_402_300_800,
       DateAndTime(DateAndTime(secondsSince1970: date.secondsSince1970).text)?.secondsSince1970 != date.secondsSince1970 {
        fail("date-and-time \(text)")
    }
    return 0
}

func checkVoucher(_ voucher: Voucher) {
    guard (try? Voucher(json: voucher.json())) == voucher else { fail("voucher JSON") }
    guard (try? Voucher(cbor: voucher.cbor())) == voucher else { fail("voucher CBOR") }
}

func checkRequest(_ request: VoucherRequest) {
    guard (try? VoucherRequest(json: request.json())) == request else { fail("voucher request JSON") }
    guard (try? VoucherRequest(cbor: request.cbor())) == request else { fail("voucher request CBOR") }
}

func fail(_ what: String) -> Never {
    print("round trip broke: \(what)")
    abort()
}
