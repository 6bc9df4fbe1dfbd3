public enum PetitionsDomain {}
