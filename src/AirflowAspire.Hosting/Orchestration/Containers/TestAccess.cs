using System.Runtime.CompilerServices;

// The container runtime's tests check how specs become CLI arguments and env files without a running engine.
[assembly: InternalsVisibleTo("AirflowAspire.Orchestration.Tests")]
