namespace CertManager.Scep.Protocol;

/// <summary>Why a CA answered FAILURE (RFC 8894 §3.2.1.4); <see cref="ScepErrors.Rejected"/> puts each in plain words.</summary>
public enum FailInfo
{
    /// <summary>Unrecognized or unsupported algorithm.</summary>
    BadAlg = 0,

    /// <summary>Integrity check (meaning signature verification of the CMS message) failed.</summary>
    BadMessageCheck = 1,

    /// <summary>Transaction not permitted or supported.</summary>
    BadRequest = 2,

    /// <summary>The signingTime attribute from the CMS authenticatedAttributes was not sufficiently close to the system time.</summary>
    BadTime = 3,

    /// <summary>No certificate could be identified matching the provided criteria.</summary>
    BadCertId = 4,
}
