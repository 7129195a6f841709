/// The version `confemu version`, `/_confemu/health` and the `User-Agent` of callbacks report.
package enum ConfemuVersion {
    package static let string = "0.1.0"
}
