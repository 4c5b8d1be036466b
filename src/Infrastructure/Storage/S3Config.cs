using Amazon;
using Amazon.S3;

namespace Konvrt.Portal.Infrastructure.Storage;

/// <summary>
/// How the portal talks to any S3-compatible server, its own bucket and workspaces' destinations alike: an endpoint
/// of its own (MinIO, R2…) signed for the given region, or AWS's endpoint for that region.
/// </summary>
public static class S3Config
{
    public static AmazonS3Config For(string? serviceUrl, string region, bool forcePathStyle)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = forcePathStyle,
            // Checksums only where S3 requires them: compatible servers do not all know the newer algorithms.
            RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(serviceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = region;
        }
        return config;
    }
}
