# Models of this app are added here.
