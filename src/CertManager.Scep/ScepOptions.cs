using System.ComponentModel.DataAnnotations;

namespace CertManager.Scep;

/// <summary>How CertManager talks to SCEP servers (configuration section <see cref="SectionName"/>).</summary>
public sealed class ScepOptions
{
    public const string SectionName = "CertManager:Scep";

    /// <summary>How long one HTTP exchange with the SCEP server may take before it is reported as a timeout.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;
}
