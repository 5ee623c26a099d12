namespace CertManager.Core.Fleet;

/// <summary>The edge's fleet endpoints, shared by the edge (Web) and the follower's client.</summary>
public static class FleetPaths
{
    public const string Prefix = "/fleet/v1";
    public const string Register = Prefix + "/register";
    public const string Bundle = Prefix + "/bundle";
    public const string Report = Prefix + "/report";

    /// <summary>CMS (RFC 7193); the body is the edge's SignedData.</summary>
    public const string BundleMediaType = "application/cms";
}
