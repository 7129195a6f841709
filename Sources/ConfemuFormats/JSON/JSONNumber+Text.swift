/// Number text as the emulated runtimes print it. Both start from the shortest digit string that reads back as
/// the same double (Swift's `description` produces exactly that string, like V8 and PHP's `zend_dtoa` mode 0),
/// and differ only in layout.
extension JSONNumber {
    /// JavaScript `String(number)` (ECMA-262 Number::toString): `45`, `0.1`, `1e+21`, `1.5e-7`, `-0` as `0`;
    /// `NaN`, `Infinity`, `-Infinity` for the non-finite values (JSON output writes those as `null`).
    package var javaScriptText: String {
        switch self {
        case .integer(let value):
            return String(value)
        case .double(let value):
            guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
            guard value != 0 else { return "0" }
            let (digits, n) = JSONNumber.shortestDigits(value.magnitude)
            let k = digits.count
            var text = value < 0 ? "-" : ""
            if k <= n && n <= 21 {
                text += digits + String(repeating: "0", count: n - k)
            } else if 0 < n && n <= 21 {
                text += String(digits.prefix(n)) + "." + String(digits.dropFirst(n))
            } else if -6 < n && n <= 0 {
                text += "0." + String(repeating: "0", count: -n) + digits
            } else {
                let exponent = n - 1
                text += String(digits.prefix(1))
                if k > 1 { text += "." + String(digits.dropFirst()) }
                text += "e" + (exponent < 0 ? "-" : "+") + String(exponent.magnitude)
            }
            return text
        }
    }

    /// PHP `json_encode` with `serialize_precision = -1` (`zend_gcvt(d, 17, '.', 'e')`): `45`, `0.1`,
    /// `1.0e+25`, `1.0e-5`, `-0`. Integers print as digits. PHP refuses INF and NAN
    /// (JSON_ERROR_INF_OR_NAN) and its partial output is `0`, which is what this returns for them.
    package var phpText: String {
        switch self {
        case .integer(let value):
            return String(value)
        case .double(let value):
            guard value.isFinite else { return "0" }
            guard value != 0 else { return value.sign == .minus ? "-0" : "0" }
            let (digits, decimalPoint) = JSONNumber.shortestDigits(value.magnitude)
            var text = value < 0 ? "-" : ""
            // php_gcvt: exponential when decpt < -3 or decpt > ndigit (17 in mode 0).
            if decimalPoint < -3 || decimalPoint > 17 {
                let exponent = decimalPoint - 1
                text += String(digits.prefix(1)) + "."
                text += digits.count > 1 ? String(digits.dropFirst()) : "0"
                text += "e" + (exponent < 0 ? "-" : "+") + String(exponent.magnitude)
            } else if decimalPoint <= 0 {
                text += "0." + String(repeating: "0", count: -decimalPoint) + digits
            } else if digits.count <= decimalPoint {
                text += digits + String(repeating: "0", count: decimalPoint - digits.count)
            } else {
                text += String(digits.prefix(decimalPoint)) + "." + String(digits.dropFirst(decimalPoint))
            }
            return text
        }
    }

    /// For a finite positive `value`: the shortest round-trip significant digits (no leading or trailing zeros)
    /// and `n` such that value = 0.d1d2…dk × 10^n.
    static func shortestDigits(_ value: Double) -> (digits: String, exponent: Int) {
        // Swift prints the shortest round-trip representation: "100.0", "0.001", "1e-05", "1.2345e+20".
        let text = value.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[text.startIndex..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits = ""
        var pointPosition = 0
        var seenPoint = false
        for character in mantissa {
            if character == "." {
                seenPoint = true
            } else if character.isASCII, character.isNumber {
                digits.append(character)
                if !seenPoint { pointPosition += 1 }
            }
        }
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { return ("0", 1) }
        return (digits, pointPosition + exponent)
    }
}
