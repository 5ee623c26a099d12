namespace CertManager.Core.Export;

/// <summary>
/// What to export. <paramref name="PfxPassword"/> is needed for <see cref="ExportFormat.Pfx"/> only and never logged
/// or recorded; <paramref name="PfxProfile"/> is ignored for the other formats.
/// </summary>
public sealed record ExportRequest(ExportFormat Format, PfxProfile PfxProfile = PfxProfile.Modern, string? PfxPassword = null)
{
    /// <summary>Whether the download carries the private key, so that only Administrators and Operators may have it.</summary>
    public bool IncludesPrivateKey => Format is ExportFormat.Zip or ExportFormat.Pfx;

    /// <summary>The format as the audit event and the CLI name it: <c>zip</c>, <c>pfx (modern)</c>, <c>pem</c>.</summary>
    public string Describe() => Format switch
    {
        ExportFormat.Zip => "zip",
        ExportFormat.Pfx => PfxProfile == PfxProfile.Modern ? "pfx (modern)" : "pfx (compatible)",
        _ => "pem",
    };

    /// <summary>The format as the download page offered it, for people: <c>ZIP</c>, <c>PFX (modern)</c>, <c>PEM</c>.</summary>
    public string DisplayName() => Format switch
    {
        ExportFormat.Zip => "ZIP",
        ExportFormat.Pfx => PfxProfile == PfxProfile.Modern ? "PFX (modern)" : "PFX (compatible)",
        _ => "PEM",
    };

    // The generated ToString would print the password.
    public override string ToString() => $"ExportRequest {{ Format = {Describe()} }}";
}
