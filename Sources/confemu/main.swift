import ConfemuApp
import Foundation

let code = await ConfemuCommand.run(Array(CommandLine.arguments.dropFirst()),
                                     environment: ProcessInfo.processInfo.environment)
exit(code)
