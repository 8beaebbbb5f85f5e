/// The Spar language front end (placeholder until the lexer and parser land).
public enum Lang {}
