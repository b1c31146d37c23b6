import CLibCBOR

extension CBORValue {
    /// Decodes exactly one CBOR item that spans all of `bytes`.
    ///
    /// libcbor's streaming decoder (`cbor_stream_decode`) reads one item head per call and reports
    /// it through callbacks; the tree is built here on an explicit stack, so nesting never
    /// recurses, and every limit is checked before memory is reserved: a declared count or
    /// length larger than the remaining input is `truncated`, not an allocation.
    /// Indefinite-length strings, arrays and maps are accepted.
    public static func decode(_ bytes: [UInt8], limits: CBORLimits = CBORLimits()) throws(CBORError) -> CBORValue {
        guard bytes.count <= limits.maxBytes else { throw CBORError(.tooLarge, offset: 0) }
        var result: Result<CBORValue, CBORError> = .failure(CBORError(.truncated, offset: 0))
        bytes.withUnsafeBufferPointer { input in
            result = Result { () throws(CBORError) in try decode(input, limits: limits) }
        }
        return try result.get()
    }

    private static func decode(_ input: UnsafeBufferPointer<UInt8>, limits: CBORLimits) throws(CBORError) -> CBORValue {
        let builder = TreeBuilder(limits: limits)
        var callbacks = TreeBuilder.callbacks()
        let context = Unmanaged.passUnretained(builder).toOpaque()
        var offset = 0
        while builder.root == nil {
            let start = offset
            guard let base = input.baseAddress, start < input.count else { throw CBORError(.truncated, offset: start) }
            let head = base[start]
            builder.inputLeft = input.count - start
            builder.inputEnd = base + input.count
            if head >= 0xC6 && head <= 0xD4 {
                // Tags 6–20 in the initial byte: well-formed, but libcbor 0.10's decoder rejects
                // them as unassigned, and they include COSE_Sign1 (18), COSE_Mac0 (17) and
                // COSE_Encrypt0 (16), which constrained vouchers are wrapped in.
                builder.open(.tag(UInt64(head - 0xC0)), count: 1)
                offset += 1
            } else if head >= 0xE0 && head <= 0xF3 {
                // Simple values 0–19: well-formed, but libcbor's decoder rejects them as unassigned.
                builder.simple(head - 0xE0)
                offset += 1
            } else if head == 0xF8 {
                guard start + 1 < input.count else { throw CBORError(.truncated, offset: start) }
                // RFC 8949 §3.3: a two-byte simple value below 32 is not well-formed.
                guard base[start + 1] >= 32 else { throw CBORError(.malformed, offset: start) }
                builder.simple(base[start + 1])
                offset += 2
            } else {
                let step = cbor_stream_decode(base + start, input.count - start, &callbacks, context)
                switch step.status {
                case CBOR_DECODER_FINISHED where step.read > 0: offset += step.read
                case CBOR_DECODER_NEDATA: throw CBORError(.truncated, offset: start)
                default: throw CBORError(.malformed, offset: start)
                }
            }
            if let failure = builder.failure { throw CBORError(failure, offset: start) }
        }
        guard offset == input.count else { throw CBORError(.trailingBytes, offset: offset) }
        guard let root = builder.root else { throw CBORError(.truncated, offset: offset) }
        return root
    }
}

/// Receives libcbor's callbacks and assembles items bottom-up on a stack of open containers.
private final class TreeBuilder {
    /// An array, map, tag or indefinite-length string still waiting for content.
    final class Open {
        enum Kind { case array, map, tag(UInt64), byteChunks, textChunks }
        let kind: Kind
        /// Items still expected (a map counts keys and values); nil while indefinite.
        var remaining: UInt64?
        var items: [CBORValue] = []
        var chunks: [UInt8] = []

        init(_ kind: Kind, remaining: UInt64?) {
            self.kind = kind
            self.remaining = remaining
        }
    }

    let limits: CBORLimits
    var stack: [Open] = []
    var root: CBORValue?
    var failure: CBORError.Kind?
    var itemCount = 0
    /// Bytes from the current item head to the end of input: no count may exceed this.
    var inputLeft = 0
    /// One past the last input byte.
    var inputEnd: UnsafePointer<UInt8>?

    init(limits: CBORLimits) { self.limits = limits }

    // MARK: events

    func scalar(_ value: CBORValue) {
        guard begin() else { return }
        complete(value)
    }

    func simple(_ value: UInt8) { scalar(.simple(value)) }

    func string(_ data: UnsafePointer<UInt8>?, _ length: UInt64, text: Bool) {
        guard failure == nil else { return }
        // libcbor checks a 64-bit string length against the input as a size_t: on 32-bit
        // targets a length of 2^32 + n passes as n. Check the real length against the input.
        if length > 0 {
            guard let data, let end = inputEnd, length <= UInt64(end - data) else { return fail(.truncated) }
        }
        let bytes = Array(UnsafeBufferPointer(start: data, count: Int(length)))
        if let top = stack.last, case .byteChunks = top.kind, !text {
            top.chunks += bytes
            return
        }
        if let top = stack.last, case .textChunks = top.kind, text {
            // Each chunk of an indefinite text string must itself be valid UTF-8 (RFC 8949 §3.2.3).
            guard String(validating: bytes, as: UTF8.self) != nil else { return fail(.malformed) }
            top.chunks += bytes
            return
        }
        if isInsideChunks { return fail(.malformed) }
        guard begin() else { return }
        if text {
            guard let string = String(validating: bytes, as: UTF8.self) else { return fail(.malformed) }
            complete(.text(string))
        } else {
            complete(.bytes(bytes))
        }
    }

    func open(_ kind: Open.Kind, count: UInt64?) {
        guard begin() else { return }
        if let count {
            // Every member needs at least one byte: a count beyond the input is truncation,
            // detected before anything is reserved.
            guard count <= UInt64(inputLeft) else { return fail(.truncated) }
            guard count <= UInt64(limits.maxItems) else { return fail(.tooLarge) }
            if count == 0 {
                if case .map = kind { return complete(.map([])) }
                return complete(.array([]))
            }
        }
        guard stack.count < limits.maxDepth else { return fail(.tooDeep) }
        var expected = count
        if case .map = kind, let count { expected = 2 * count }
        let container = Open(kind, remaining: expected)
        if let expected { container.items.reserveCapacity(Int(expected)) }
        stack.append(container)
    }

    func indefiniteBreak() {
        guard failure == nil else { return }
        guard let top = stack.last, top.remaining == nil else { return fail(.malformed) }
        stack.removeLast()
        switch top.kind {
        case .array: complete(.array(top.items))
        case .map:
            guard top.items.count % 2 == 0 else { return fail(.malformed) }
            complete(mapValue(top.items))
        case .byteChunks: complete(.bytes(top.chunks))
        case .textChunks:
            guard let string = String(validating: top.chunks, as: UTF8.self) else { return fail(.malformed) }
            complete(.text(string))
        case .tag: fail(.malformed)
        }
    }

    // MARK: assembly

    /// Counts a new item; false once decoding has failed.
    private func begin() -> Bool {
        guard failure == nil else { return false }
        if isInsideChunks {
            fail(.malformed)
            return false
        }
        itemCount += 1
        if itemCount > limits.maxItems {
            fail(.tooLarge)
            return false
        }
        return true
    }

    private var isInsideChunks: Bool {
        guard let top = stack.last else { return false }
        switch top.kind {
        case .byteChunks, .textChunks: return true
        default: return false
        }
    }

    /// Hands a finished item to its parent, closing every container it completes.
    private func complete(_ value: CBORValue) {
        var value = value
        while let top = stack.last {
            if case .tag(let number) = top.kind {
                stack.removeLast()
                value = .tagged(number, value)
                continue
            }
            top.items.append(value)
            guard let remaining = top.remaining else { return }
            top.remaining = remaining - 1
            guard remaining == 1 else { return }
            stack.removeLast()
            if case .map = top.kind {
                value = mapValue(top.items)
            } else {
                value = .array(top.items)
            }
        }
        root = value
    }

    private func mapValue(_ items: [CBORValue]) -> CBORValue {
        var entries: [(key: CBORValue, value: CBORValue)] = []
        entries.reserveCapacity(items.count / 2)
        var index = 0
        while index + 1 < items.count {
            entries.append((key: items[index], value: items[index + 1]))
            index += 2
        }
        return .map(entries)
    }

    private func fail(_ kind: CBORError.Kind) {
        if failure == nil { failure = kind }
    }

    // MARK: libcbor callback table

    static func callbacks() -> cbor_callbacks {
        var table = cbor_callbacks()
        table.uint8 = { context, value in builder(context)?.scalar(.unsigned(UInt64(value))) }
        table.uint16 = { context, value in builder(context)?.scalar(.unsigned(UInt64(value))) }
        table.uint32 = { context, value in builder(context)?.scalar(.unsigned(UInt64(value))) }
        table.uint64 = { context, value in builder(context)?.scalar(.unsigned(value)) }
        table.negint8 = { context, value in builder(context)?.scalar(.negative(UInt64(value))) }
        table.negint16 = { context, value in builder(context)?.scalar(.negative(UInt64(value))) }
        table.negint32 = { context, value in builder(context)?.scalar(.negative(UInt64(value))) }
        table.negint64 = { context, value in builder(context)?.scalar(.negative(value)) }
        table.byte_string = { context, data, length in builder(context)?.string(data, length, text: false) }
        table.string = { context, data, length in builder(context)?.string(data, length, text: true) }
        table.byte_string_start = { context in builder(context)?.open(.byteChunks, count: nil) }
        table.string_start = { context in builder(context)?.open(.textChunks, count: nil) }
        table.array_start = { context, count in builder(context)?.open(.array, count: count) }
        table.indef_array_start = { context in builder(context)?.open(.array, count: nil) }
        table.map_start = { context, count in builder(context)?.open(.map, count: count) }
        table.indef_map_start = { context in builder(context)?.open(.map, count: nil) }
        table.tag = { context, number in builder(context)?.open(.tag(number), count: 1) }
        table.float2 = { context, value in builder(context)?.scalar(.float(Double(value))) }
        table.float4 = { context, value in builder(context)?.scalar(.float(Double(value))) }
        table.float8 = { context, value in builder(context)?.scalar(.float(value)) }
        table.undefined = { context in builder(context)?.scalar(.undefined) }
        table.null = { context in builder(context)?.scalar(.null) }
        table.boolean = { context, value in builder(context)?.scalar(.bool(value)) }
        table.indef_break = { context in builder(context)?.indefiniteBreak() }
        return table
    }
}

private func builder(_ context: UnsafeMutableRawPointer?) -> TreeBuilder? {
    context.map { Unmanaged<TreeBuilder>.fromOpaque($0).takeUnretainedValue() }
}
