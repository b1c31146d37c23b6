// modules: ASN1
// DER parsing never traps, and whatever parses re-encodes to exactly the input (parse and emit
// are inverses); typed readings of every primitive element fail only with ASN1Error.
import ASN1
import CLinux

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let tree = try? DERNode.parse(bytes) else { return 0 }
    guard tree.encoded == bytes, (try? DERNode.parse(tree.encoded)) == tree else {
        print("DER round trip broke for \(size) bytes")
        abort()
    }
    readPrimitives(tree)
    return 0
}

/// Every typed reader on every primitive: each either succeeds or throws ASN1Error; what reads
/// as an OID or a time must re-encode to the same content.
func readPrimitives(_ node: DERNode) {
    switch node {
    case .constructed(_, let children):
        for child in children { readPrimitives(child) }
    case .primitive(let tag, let value):
        guard let element = try? derParseSingle(DERNode.primitive(tag: tag, value: value).encoded) else { abort() }
        _ = try? element.int64()
        _ = try? element.unsignedIntegerBytes()
        _ = try? element.boolean()
        _ = try? element.bitString()
        _ = try? element.string()
        if let oid = try? element.objectIdentifier(), ASN1ObjectIdentifier(oid.dotted) != oid {
            print("OID text round trip broke: \(oid.dotted)")
            abort()
        }
        if let seconds = try? element.time(),
           DERTime.encode(secondsSince1970: seconds, tag: tag) != value {
            print("time round trip broke at \(seconds)")
            abort()
        }
    case .encoded:
        abort()
    }
}
