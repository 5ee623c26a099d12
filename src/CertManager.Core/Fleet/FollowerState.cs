namespace CertManager.Core.Fleet;

/// <summary>What a follower last said about the certificate the edge offers it.</summary>
public enum FollowerState
{
    /// <summary>Paired, nothing reported yet.</summary>
    New,

    /// <summary>It presents the edge's certificate.</summary>
    InSync,

    /// <summary>A bundle is on its way or being installed.</summary>
    Updating,

    /// <summary>Its chain doctor found warnings and its policy is to hold for its administrator.</summary>
    Held,

    /// <summary>Its chain doctor found errors, or the bundle could not be opened: nothing installed.</summary>
    Refused,
}
