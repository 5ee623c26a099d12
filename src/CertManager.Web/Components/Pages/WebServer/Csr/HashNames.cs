using CertManager.Core.Csr;

namespace CertManager.Web.Components.Pages.WebServer.Csr;

/// <summary>How the CSR form names the signature hashes: as people write them, not as the enum spells them.</summary>
internal static class HashNames
{
    public static string Of(CsrHashAlgorithm hash) => hash switch
    {
        CsrHashAlgorithm.Sha256 => "SHA-256",
        CsrHashAlgorithm.Sha384 => "SHA-384",
        CsrHashAlgorithm.Sha512 => "SHA-512",
        _ => hash.ToString(),
    };
}
