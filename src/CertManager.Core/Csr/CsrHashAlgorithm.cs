namespace CertManager.Core.Csr;

/// <summary>The hash the CSR is signed with (RSA PKCS#1 v1.5). SHA-256 is what every CA accepts.</summary>
public enum CsrHashAlgorithm
{
    Sha256,
    Sha384,
    Sha512,
}
