from relgraph.cli import main

main()
