using Sems.Silo.Cli;

return SemsCli.Run(args, Console.Out, Console.Error);
