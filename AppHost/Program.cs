using AirflowAspire.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

builder.Build().Run();

/// <summary>Lets tests name this AppHost: <c>DistributedApplicationTestingBuilder.CreateAsync&lt;Program&gt;()</c>.</summary>
public partial class Program;
