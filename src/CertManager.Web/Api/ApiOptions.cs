using System.ComponentModel.DataAnnotations;

namespace CertManager.Web.Api;

/// <summary>The REST API's limits.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "CertManager:Api";

    /// <summary>Requests one token may make per minute (default 120); more are answered 429 with Retry-After.</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 120;
}
