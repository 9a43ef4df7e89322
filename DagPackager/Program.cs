using AirflowAspire.DagPackager;

return DagPackagerCommand.Create().Parse(args).Invoke();
