using CertManager.Core.Chain;
using CertManager.Core.Install;

namespace CertManager.Web.Api.Contracts;

/// <summary>What an install did: the version now presented, and the chain doctor's report on what was installed.</summary>
public sealed record InstallResponse(InstalledCertificate Installed, ChainReport Report);
