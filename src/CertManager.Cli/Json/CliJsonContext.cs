using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertManager.Cli.Json;

/// <summary>Source-generated System.Text.Json metadata for everything <c>--json</c> prints: no reflection at run time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(CsrJson))]
[JsonSerializable(typeof(FailureJson))]
[JsonSerializable(typeof(ReportJson))]
[JsonSerializable(typeof(InstalledJson))]
[JsonSerializable(typeof(VersionsJson))]
[JsonSerializable(typeof(ExportJson))]
[JsonSerializable(typeof(List<EventJson>), TypeInfoPropertyName = "ListEventJson")]
[JsonSerializable(typeof(ExpiryCheckJson))]
[JsonSerializable(typeof(AcmeStatusJson))]
[JsonSerializable(typeof(RenewJson))]
[JsonSerializable(typeof(BackupJson))]
[JsonSerializable(typeof(PairCodeJson))]
[JsonSerializable(typeof(List<FollowerJson>), TypeInfoPropertyName = "ListFollowerJson")]
[JsonSerializable(typeof(FollowingJson))]
[JsonSerializable(typeof(StoreMigrationJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    private static CliJsonContext? _output;

    /// <summary>
    /// The context to print with: PEM's '+' and messages' apostrophes stay readable instead of \u002B and \u0027.
    /// The output goes to a terminal or a script, never into HTML, so the relaxed encoder is safe here.
    /// </summary>
    public static CliJsonContext Output => _output ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
