namespace CertManager.Core.Import;

/// <summary>One <c>-----BEGIN LABEL-----</c> block, with its RFC 1421 headers (e.g. <c>Proc-Type</c>) kept apart from the base64 body.</summary>
internal sealed record PemBlock(string Label, IReadOnlyDictionary<string, string> Headers, string Base64Body, string Text)
{
    public bool IsEncryptedTraditionalKey =>
        Headers.TryGetValue("Proc-Type", out var procType) && procType.Contains("ENCRYPTED", StringComparison.OrdinalIgnoreCase);
}
