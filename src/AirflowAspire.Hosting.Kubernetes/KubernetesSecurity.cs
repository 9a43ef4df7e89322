using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Security settings every pod and container gets, written out in full as the official Airflow chart does:
/// a fixed non-root user (the image's, which the caller gives), no privilege escalation, every capability
/// dropped, the runtime's seccomp profile.
/// </summary>
internal static class KubernetesSecurity
{
    public static V1PodSecurityContext Pod(long user, long group, long fsGroup) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = user,
        RunAsGroup = group,
        FsGroup = fsGroup,
        FsGroupChangePolicy = "OnRootMismatch",
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    public static V1SecurityContext Container() => new()
    {
        AllowPrivilegeEscalation = false,
        Privileged = false,
        RunAsNonRoot = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };
}
